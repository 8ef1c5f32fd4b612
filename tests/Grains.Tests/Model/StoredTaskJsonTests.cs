using System.Text;
using System.Text.Json;
using CustomerSuccess.Actors.Persistence;
using CustomerSuccess.Grains.Domain.Customers;
using CustomerSuccess.Grains.Domain.Rules;
using CustomerSuccess.Grains.Domain.Tasks;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Tasks;
using CustomerSuccess.Grains.Tests.Support;
using static CustomerSuccess.Grains.Tests.Support.Touch;

namespace CustomerSuccess.Grains.Tests.Model;

public sealed class StoredTaskJsonTests
{
    private static readonly DateTimeOffset T0 = ModelFixture.T0;

    private static OutreachTask Snoozed() => new(
        "c:1:unresolved-effort:3", "c:1", "csm-7", RuleId.UnresolvedEffort, 2, "Resolve issue B-1 for the customer",
        "issue B-1 open since …: 2 contact(s) via email, phone", ["e-1", "e-2"], "Own the issue end to end.",
        T0.AddTicks(1_234_567), T0.AddHours(4).AddTicks(7), TaskState.Snoozed, T0.AddHours(1),
        SnoozedUntil: T0.AddDays(1).AddTicks(3), Resolution: "not yet", Note: "called twice", RepliedAt: T0.AddHours(2).AddTicks(9));

    [Fact]
    public void A_task_reads_back_with_every_field_to_the_tick()
    {
        var task = Snoozed();

        var copy = StoredTaskJson.Deserialize(StoredTaskJson.Serialize(task));

        AssertSame(task, copy);
    }

    [Fact]
    public void A_task_stored_in_the_records_own_form_reads_back_unchanged()
    {
        // States and task rows written before the stored form used the record's camel-case names.
        var task = Snoozed();
        var old = JsonSerializer.SerializeToUtf8Bytes(task, GrainStateJson.Default.OutreachTask);

        AssertSame(task, StoredTaskJson.Deserialize(old));
    }

    [Fact]
    public void An_unassigned_open_task_in_the_records_form_without_its_optional_fields_reads_back_and_null_evidence_is_none()
    {
        const string stored = """{"id":"c-1:detractor:1","customerId":"c-1","ownerId":null,"rule":3,"priority":2,"title":"Close the loop with a detractor","reason":"NPS 3 on 2026-03-02 09:00:00Z","evidence":null,"suggestedAction":"Call personally.","createdAt":"2026-03-02T09:00:00+00:00","dueAt":"2026-03-04T09:00:00+00:00","state":0,"updatedAt":"2026-03-02T10:00:00+01:00"}""";

        var task = StoredTaskJson.Deserialize(Encoding.UTF8.GetBytes(stored));

        Assert.Equal("c-1", task.CustomerId);
        Assert.Null(task.OwnerId);
        Assert.Empty(task.Evidence);
        Assert.Equal(TaskState.Open, task.State);
        Assert.Null(task.SnoozedUntil);
        Assert.Null(task.Resolution);
        Assert.Null(task.Note);
        Assert.Equal("Call personally.", task.SuggestedAction);
        Assert.Equal(TimeSpan.FromHours(1), task.UpdatedAt.Offset);
        Assert.Equal(T0, task.CreatedAt);
    }

    [Fact]
    public void The_customer_id_is_left_out_when_the_task_id_starts_with_it_and_kept_when_it_does_not()
    {
        var usual = Snoozed();
        var odd = usual with { Id = "imported-42", CustomerId = "c:1" };

        var usualJson = Encoding.UTF8.GetString(StoredTaskJson.Serialize(usual));
        var oddJson = Encoding.UTF8.GetString(StoredTaskJson.Serialize(odd));

        Assert.DoesNotContain("\"k\"", usualJson);
        Assert.Contains("\"k\":\"c:1\"", oddJson);
        Assert.Equal("c:1", StoredTaskJson.Deserialize(StoredTaskJson.Serialize(usual)).CustomerId);
        Assert.Equal("c:1", StoredTaskJson.Deserialize(StoredTaskJson.Serialize(odd)).CustomerId);
    }

    [Fact]
    public void A_title_and_action_that_are_the_rules_usual_ones_are_left_out_and_read_back()
    {
        var usual = Snoozed() with { Rule = RuleId.Detractor, Title = RuleTexts.DetractorTitle, SuggestedAction = RuleTexts.DetractorAction };
        var unusual = usual with { Title = "Call Ana today" };

        var usualJson = Encoding.UTF8.GetString(StoredTaskJson.Serialize(usual));
        var unusualJson = Encoding.UTF8.GetString(StoredTaskJson.Serialize(unusual));

        Assert.DoesNotContain(RuleTexts.DetractorTitle, usualJson);
        Assert.DoesNotContain(RuleTexts.DetractorAction, usualJson);
        Assert.Contains("Call Ana today", unusualJson);
        AssertSame(usual, StoredTaskJson.Deserialize(StoredTaskJson.Serialize(usual)));
        AssertSame(unusual, StoredTaskJson.Deserialize(StoredTaskJson.Serialize(unusual)));
    }

    [Fact]
    public void A_time_with_an_offset_reads_back_with_that_offset()
    {
        var task = Snoozed() with { CreatedAt = new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.FromHours(2)).AddTicks(5) };

        var copy = StoredTaskJson.Deserialize(StoredTaskJson.Serialize(task));

        Assert.Equal(task.CreatedAt, copy.CreatedAt);
        Assert.Equal(TimeSpan.FromHours(2), copy.CreatedAt.Offset);
    }

    [Fact]
    public void A_customer_state_stored_with_tasks_in_the_records_form_reads_back_with_the_same_tasks()
    {
        var fixture = new ModelFixture();
        fixture.Apply(T0.AddDays(3),
            Inbound("c-1", "e-1", T0, Channel.Email, "B-1"), Inbound("c-1", "e-2", T0.AddHours(5), Channel.Phone, "B-1"),
            Survey("c-1", "s-1", T0, TouchpointType.SurveyNps, 3), PaymentFailed("c-1", "p-1", T0));
        fixture.Apply(T0.AddDays(4), Purchase("c-1", "p-2", T0.AddDays(3)));
        var state = fixture.State;
        Assert.NotEmpty(state.Tasks.Live);
        Assert.NotEmpty(state.Tasks.Closed);

        // The state as it was stored before: the task lists in the record's form.
        var stored = JsonSerializer.SerializeToNode(state, GrainStateJson.Default.CustomerState)!;
        stored["tasks"]!["live"] = JsonSerializer.SerializeToNode(state.Tasks.Live, GrainStateJson.Default.ListOutreachTask);
        stored["tasks"]!["closed"] = JsonSerializer.SerializeToNode(state.Tasks.Closed, GrainStateJson.Default.ListOutreachTask);
        var copy = GrainStateSerializer.Deserialize(Encoding.UTF8.GetBytes(stored.ToJsonString()), GrainStateJson.Default.CustomerState);

        Assert.Equal(state.Tasks.Live.Count, copy.Tasks.Live.Count);
        Assert.Equal(state.Tasks.Closed.Count, copy.Tasks.Closed.Count);
        for (var i = 0; i < state.Tasks.Live.Count; i++)
        {
            AssertSame(state.Tasks.Live[i], copy.Tasks.Live[i]);
        }

        for (var i = 0; i < state.Tasks.Closed.Count; i++)
        {
            AssertSame(state.Tasks.Closed[i], copy.Tasks.Closed[i]);
        }

        Assert.Equal(GrainStateSerializer.Serialize(state), GrainStateSerializer.Serialize(copy));
    }

    [Fact]
    public void The_stored_form_saves_the_names_the_times_and_the_repeated_customer_id_of_every_task()
    {
        // Its texts are the task's own; everything around them is what the stored form shrinks.
        var task = Snoozed() with { SnoozedUntil = null, Note = null, State = TaskState.Open };

        var stored = StoredTaskJson.Serialize(task).Length;
        var record = JsonSerializer.SerializeToUtf8Bytes(task, GrainStateJson.Default.OutreachTask).Length;

        Assert.True(record - stored >= 140, $"stored {stored} bytes, the record's form {record}");
    }

    private static void AssertSame(OutreachTask expected, OutreachTask actual)
    {
        // Evidence is a list, which record equality compares by reference.
        Assert.Equal(expected with { Evidence = [] }, actual with { Evidence = [] });
        Assert.Equal(expected.Evidence, actual.Evidence);
        Assert.Equal(expected.CreatedAt.Offset, actual.CreatedAt.Offset);
    }
}
