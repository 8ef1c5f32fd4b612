using CustomerSuccess.Actors.Persistence;
using CustomerSuccess.Grains.Domain.Conversations;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Tests.Support;

namespace CustomerSuccess.Grains.Tests.Model;

public sealed class StoredConversationJsonTests
{
    [Fact]
    public void Handled_marks_are_stored_and_read_back_and_a_state_stored_before_them_reads_without_them()
    {
        var state = new ConversationState { InboundHandledAt = ModelFixture.T0, MentionsHandledAt = ModelFixture.T0.AddHours(1) };
        state.Inbound.Add(new PendingContact("e-1", ModelFixture.T0.AddHours(2), Channel.Chat, false, 0, null));

        var read = GrainStateSerializer.Deserialize(GrainStateSerializer.Serialize(state, GrainStateJson.Default.ConversationState), GrainStateJson.Default.ConversationState);
        var older = GrainStateSerializer.Deserialize("""{"inbound":[],"publicMentions":[]}"""u8.ToArray(), GrainStateJson.Default.ConversationState);

        Assert.Equal(ModelFixture.T0, read.InboundHandledAt);
        Assert.Equal(ModelFixture.T0.AddHours(1), read.MentionsHandledAt);
        Assert.Equal("e-1", Assert.Single(read.Inbound).Id);
        Assert.Null(older.InboundHandledAt);
        Assert.Null(older.MentionsHandledAt);
    }
}
