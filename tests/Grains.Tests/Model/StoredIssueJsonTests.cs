using System.Text;
using CustomerSuccess.Actors.Persistence;
using CustomerSuccess.Grains.Domain.Effort;
using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Grains.Tests.Model;

public sealed class StoredIssueJsonTests
{
    private static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 10, 9, 5, 31, 44, TimeSpan.Zero).AddTicks(362_302);

    private static IssueState Issue() => new()
    {
        Id = "T-7-9",
        FirstAt = T0,
        ResolvedAt = T0.AddDays(1).AddTicks(3),
        ReopenedAt = T0.AddDays(2),
        Contacts = 3,
        ChannelMask = 6,
        WaitSeconds = 63.5,
        LastInboundAt = T0.AddHours(5),
        LastOutboundAt = new DateTimeOffset(2026, 10, 9, 10, 0, 0, TimeSpan.FromHours(2)).AddTicks(11),
        EarliestContacts = [new("e-1", T0, Channel.Email), new("e-2", T0.AddHours(5), Channel.Phone)],
    };

    [Fact]
    public void An_issue_reads_back_with_every_field_to_the_tick_and_times_keep_their_offsets()
    {
        var issue = Issue();

        var copy = GrainStateSerializer.Deserialize<IssueState>(GrainStateSerializer.Serialize(issue));

        AssertSame(issue, copy);
        Assert.Equal(TimeSpan.FromHours(2), copy.LastOutboundAt!.Value.Offset);
    }

    [Fact]
    public void An_issue_stored_in_the_camel_case_form_reads_back_unchanged()
    {
        const string stored = """{"id":"T-7-9","firstAt":"2026-10-09T05:31:44.0362302+00:00","resolvedAt":"2026-10-10T05:31:44.0362305+00:00","reopenedAt":"2026-10-11T05:31:44.0362302+00:00","contacts":3,"channelMask":6,"waitSeconds":63.5,"lastInboundAt":"2026-10-09T10:31:44.0362302+00:00","lastOutboundAt":"2026-10-09T10:00:00.0000011+02:00","earliestContacts":[{"id":"e-1","at":"2026-10-09T05:31:44.0362302+00:00","channel":1},{"id":"e-2","at":"2026-10-09T10:31:44.0362302+00:00","channel":2}]}""";

        var issue = GrainStateSerializer.Deserialize<IssueState>(Encoding.UTF8.GetBytes(stored));

        AssertSame(Issue(), issue);
    }

    [Fact]
    public void The_stored_form_writes_times_as_ticks_and_contacts_as_triples()
    {
        var json = Encoding.UTF8.GetString(GrainStateSerializer.Serialize(Issue()));

        Assert.Contains($"\"f\":{T0.UtcTicks}", json);
        Assert.Contains($"[\"e-1\",{T0.UtcTicks},{(int)Channel.Email}]", json);
        Assert.DoesNotContain("firstAt", json);
    }

    private static void AssertSame(IssueState expected, IssueState actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.FirstAt, actual.FirstAt);
        Assert.Equal(expected.ResolvedAt, actual.ResolvedAt);
        Assert.Equal(expected.ReopenedAt, actual.ReopenedAt);
        Assert.Equal(expected.Contacts, actual.Contacts);
        Assert.Equal(expected.ChannelMask, actual.ChannelMask);
        Assert.Equal(expected.WaitSeconds, actual.WaitSeconds);
        Assert.Equal(expected.LastInboundAt, actual.LastInboundAt);
        Assert.Equal(expected.LastOutboundAt, actual.LastOutboundAt);
        Assert.Equal(expected.EarliestContacts, actual.EarliestContacts);
    }
}
