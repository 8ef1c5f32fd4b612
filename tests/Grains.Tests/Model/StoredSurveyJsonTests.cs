using CustomerSuccess.Actors.Persistence;
using CustomerSuccess.Grains.Domain.Surveys;
using CustomerSuccess.Grains.Tests.Support;

namespace CustomerSuccess.Grains.Tests.Model;

public sealed class StoredSurveyJsonTests
{
    // Readings are stored as objects with their event, time and value; states written before readings
    // became values must read back unchanged, and new ones must be written the same way.
    private const string Stored =
        """{"nps":{"id":"s-1","at":"2026-03-02T09:00:00+00:00","value":3},"sentiments":[{"id":"m-2","at":"2026-03-03T09:00:00+00:00","value":-0.8},{"id":"m-1","at":"2026-03-02T10:00:00+00:00","value":0.5}]}""";

    [Fact]
    public void Survey_answers_and_sentiment_readings_keep_their_stored_form()
    {
        var state = GrainStateSerializer.Deserialize(System.Text.Encoding.UTF8.GetBytes(Stored), GrainStateJson.Default.SurveyState);

        Assert.Equal(new Reading("s-1", ModelFixture.T0, 3), state.Nps);
        Assert.Null(state.Csat);
        Assert.Equal(["m-2", "m-1"], state.Sentiments.Select(r => r.Id));
        Assert.Equal(-0.8, state.Sentiments[0].Value);
        Assert.Equal(Stored, System.Text.Encoding.UTF8.GetString(GrainStateSerializer.Serialize(state, GrainStateJson.Default.SurveyState)));
    }
}
