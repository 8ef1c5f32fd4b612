using System.Globalization;
using CustomerSuccess.Actors;
using CustomerSuccess.Api.Auth;
using CustomerSuccess.Api.Paging;
using CustomerSuccess.Api.Tasks;
using CustomerSuccess.Api.Validation;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Tasks;
using CustomerSuccess.Silo.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CustomerSuccess.Api.Apis;

/// <summary>A CSM's task list and the actions on a task (complete, snooze, dismiss).</summary>
public static class TasksApi
{
    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/v1/tasks").WithTags("Tasks").RequireAuthorization(ApiRoles.Policies.WorkTasks);
        tasks.MapGet("", GetTasks).WithName("GetTasks")
            .WithSummary("Live tasks, most urgent first (priority, then due time), paged by cursor: one CSM's (ownerId, or 'unassigned'), or across owners in PostgreSQL mode.");
        tasks.MapPost("/{id}/complete", Complete).WithName("CompleteTask").Accepts<CompleteTaskRequest>("application/json")
            .WithSummary("Marks a live task done with its outcome.");
        tasks.MapPost("/{id}/snooze", Snooze).WithName("SnoozeTask").Accepts<SnoozeTaskRequest>("application/json")
            .WithSummary("Snoozes an open task until a future time; new evidence wakes it earlier.");
        tasks.MapPost("/{id}/dismiss", Dismiss).WithName("DismissTask").Accepts<DismissTaskRequest>("application/json")
            .WithSummary("Dismisses a live task; its rule stays quiet for the customer for the cool-down.");
        return app;
    }

    public static async Task<Results<Ok<TaskPage>, ProblemHttpResult>> GetTasks(
        string? ownerId, string? status, string? rule, int? limit, string? cursor, ITaskList taskList, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();

        // Memory mode keeps lists per owner (the boards); PostgreSQL mode lists across owners from the tasks table.
        if (string.IsNullOrEmpty(ownerId) && taskList.RequiresOwner)
        {
            errors.Add(new FieldError(null, "ownerId", $"is required: a CSM's id, or '{ITaskBoardGrain.Unassigned}' for tasks without one."));
        }
        else if (ownerId is not null && TouchpointLimits.LookupProblem(ownerId) is { } ownerProblem)
        {
            errors.Add(new FieldError(null, "ownerId", ownerProblem));
        }

        TaskState? state = null;
        if (status is "open" or "snoozed")
        {
            state = status == "open" ? TaskState.Open : TaskState.Snoozed;
        }
        else if (!string.IsNullOrEmpty(status))
        {
            errors.Add(new FieldError(null, "status", "must be 'open' or 'snoozed': the list holds live tasks; closed ones are on the customer."));
        }

        RuleId? ruleFilter = null;
        if (!string.IsNullOrEmpty(rule))
        {
            if (RuleNames.TryParse(rule, out var parsed))
            {
                ruleFilter = parsed;
            }
            else
            {
                errors.Add(new FieldError(null, "rule", $"'{rule}' is not a rule; rules: {string.Join(", ", RuleNames.All)}."));
            }
        }

        var take = PageLimit.Resolve(limit, fallback: 50, max: 500);
        if (take is null)
        {
            errors.Add(new FieldError(null, "limit", "must be between 1 and 500."));
        }

        (int Priority, long DueTicks, string Id)? after = null;
        if (cursor is not null)
        {
            if (PageCursor.Decode(cursor, 3) is [var p, var due, var id]
                && int.TryParse(p, CultureInfo.InvariantCulture, out var priority)
                && long.TryParse(due, CultureInfo.InvariantCulture, out var dueTicks)
                && dueTicks >= DateTimeOffset.MinValue.UtcTicks && dueTicks <= DateTimeOffset.MaxValue.UtcTicks)
            {
                after = (priority, dueTicks, id);
            }
            else
            {
                errors.Add(new FieldError(null, "cursor", "is not a cursor this API returned."));
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        // The order (priority, due time, id) is the keyset; a cursor is the last key of a page.
        TaskKey? afterKey = after is { } a ? new TaskKey(a.Priority, new DateTimeOffset(a.DueTicks, TimeSpan.Zero), a.Id) : null;
        var matching = await taskList.ListAsync(
            new TaskListQuery(string.IsNullOrEmpty(ownerId) ? null : ownerId, state, ruleFilter, afterKey, take!.Value + 1), cancellationToken);
        var page = matching.Take(take.Value).ToList();
        var next = matching.Count > take
            ? PageCursor.Encode(page[^1].Priority.ToString(CultureInfo.InvariantCulture), page[^1].DueAt.UtcTicks.ToString(CultureInfo.InvariantCulture), page[^1].Id)
            : null;
        return TypedResults.Ok(new TaskPage(string.IsNullOrEmpty(ownerId) ? null : ownerId, page, next));
    }

    public static Task<Results<Ok<OutreachTask>, ProblemHttpResult>> Complete(
        string id, HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken) =>
        ActAsync(id, request, grains, cancellationToken, (f, _) =>
        {
            var outcome = f.String("outcome", required: true, maxLength: 500, freeText: true);
            var note = f.String("note", maxLength: 2000, freeText: true);
            return outcome is null ? null : (customer, taskId) => customer.CompleteTaskAsync(taskId, outcome, note);
        });

    public static Task<Results<Ok<OutreachTask>, ProblemHttpResult>> Snooze(
        string id, HttpRequest request, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken) =>
        ActAsync(id, request, grains, cancellationToken, (f, _) =>
        {
            var until = f.Time("until", required: true);
            if (until is { } u && u <= time.GetUtcNow())
            {
                f.Fail("until", "must be in the future.");
                return null;
            }

            return until is null ? null : (customer, taskId) => customer.SnoozeTaskAsync(taskId, until.Value);
        });

    public static Task<Results<Ok<OutreachTask>, ProblemHttpResult>> Dismiss(
        string id, HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken) =>
        ActAsync(id, request, grains, cancellationToken, (f, _) =>
        {
            var reason = f.String("reason", required: true, maxLength: 500, freeText: true);
            return reason is null ? null : (customer, taskId) => customer.DismissTaskAsync(taskId, reason);
        });

    /// <summary>
    /// Reads the action's body, then routes it to the task's customer grain. The grain's
    /// <see cref="TaskTransitionException"/> becomes 404 (no such task) or 409 (its state forbids the action),
    /// and a snooze that has run out on the way 400.
    /// </summary>
    private static async Task<Results<Ok<OutreachTask>, ProblemHttpResult>> ActAsync(
        string id, HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken,
        Func<JsonFields, List<FieldError>, Func<ICustomerGrain, string, Task<OutreachTask>>?> parse)
    {
        var (document, problem) = await JsonBody.ReadAsync(request, JsonBody.SmallLimit, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new List<FieldError>();
        Func<ICustomerGrain, string, Task<OutreachTask>>? action;
        using (document)
        {
            var fields = new JsonFields(document!.RootElement, null, errors);
            if (!fields.IsObject)
            {
                return Problems.Invalid("", "The body must be a JSON object.");
            }

            action = parse(fields, errors);
        }

        if (action is null || errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (TouchpointLimits.LookupProblem(id, maxLength: 512) is not null || !TaskId.TryGetCustomerId(id, out var customerId))
        {
            return UnknownTask(id);
        }

        try
        {
            return TypedResults.Ok(await action(grains.GetGrain<ICustomerGrain>(customerId), id));
        }
        catch (TaskTransitionException e) when (!e.Existed)
        {
            return UnknownTask(id);
        }
        catch (TaskTransitionException e)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "Task state conflict", e.Message);
        }
        catch (ArgumentOutOfRangeException e) when (e.ParamName == "until")
        {
            // Checked above against the API's clock; the grain's clock may have passed it since.
            return Problems.Invalid("until", "must be in the future.");
        }
    }

    private static ProblemHttpResult UnknownTask(string id) =>
        Problems.NotFound($"No task '{(id.Length > 200 ? id[..200] + "…" : id)}'.");
}
