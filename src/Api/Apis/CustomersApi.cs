using CustomerSuccess.Actors;
using CustomerSuccess.Api.Auth;
using CustomerSuccess.Api.Customers;
using CustomerSuccess.Api.Paging;
using CustomerSuccess.Api.Validation;
using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Events;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CustomerSuccess.Api.Apis;

/// <summary>Customer profiles (integrators) and a customer's health, history and timeline (CSMs, executives).</summary>
public static class CustomersApi
{
    public static IEndpointRouteBuilder MapCustomersApi(this IEndpointRouteBuilder app)
    {
        app.MapPut("/v1/customers/{id}", PutProfile)
            .WithName("PutCustomerProfile").WithTags("Customers")
            .WithSummary("Sets a customer's profile: name, segment, owning CSM, annual value, renewal date.")
            .Accepts<CustomerProfile>("application/json")
            .RequireAuthorization(ApiRoles.Policies.Ingest);

        var read = app.MapGroup("/v1/customers/{id}").WithTags("Customers").RequireAuthorization(ApiRoles.Policies.ReadCustomers);
        read.MapGet("", GetCustomer).WithName("GetCustomer")
            .WithSummary("A customer's health (score, band, components with weights and reasons, trend), open issues and open tasks.");
        read.MapGet("/history", GetHistory).WithName("GetCustomerHistory")
            .WithSummary("The customer's score changes with their causes, newest first.");
        read.MapGet("/timeline", GetTimeline).WithName("GetCustomerTimeline")
            .WithSummary("The customer's touchpoints across channels, newest first, paged by cursor.");
        return app;
    }

    public static async Task<Results<Ok<CustomerProfile>, ProblemHttpResult>> PutProfile(
        string id, HttpRequest request, IGrainFactory grains, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (TouchpointLimits.IdProblem(id) is { } idProblem)
        {
            return Problems.Invalid("id", $"A customer id {idProblem}");
        }

        var (document, problem) = await JsonBody.ReadAsync(request, JsonBody.SmallLimit, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new List<FieldError>();
        CustomerProfile? profile;
        using (document)
        {
            profile = ProfileParser.Parse(document!.RootElement, errors);
        }

        if (profile is null)
        {
            return Problems.Invalid(errors);
        }

        await grains.GetGrain<ICustomerGrain>(id).SetProfileAsync(profile);
        loggers.CreateLogger(typeof(CustomersApi)).LogInformation("Profile of customer {CustomerId} set", id);
        return TypedResults.Ok(profile);
    }

    public static async Task<Results<Ok<CustomerView>, ProblemHttpResult>> GetCustomer(string id, IGrainFactory grains, TimeProvider time)
    {
        var customer = grains.GetGrain<ICustomerGrain>(id);
        if (TouchpointLimits.LookupProblem(id) is not null || !await CustomerLookup.ExistsAsync(customer))
        {
            return UnknownCustomer(id);
        }

        var health = await customer.GetHealthAsync();
        var history = await customer.GetScoreHistoryAsync();
        var issues = await customer.GetOpenIssuesAsync();
        var tasks = await customer.GetTasksAsync();
        var profile = await customer.GetProfileAsync();

        var view = new CustomerView(
            id,
            profile,
            new HealthView(health.Score, health.Band, health.At, health.Components,
                HealthTrendCalculator.Calculate(health.Score, history, time.GetUtcNow())),
            [.. issues.Where(i => i.IsOpen).Select(ToView)],
            [.. tasks.Where(t => t.IsLive)]);
        return TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<ScoreHistoryView>, ProblemHttpResult>> GetHistory(string id, IGrainFactory grains)
    {
        var customer = grains.GetGrain<ICustomerGrain>(id);
        if (TouchpointLimits.LookupProblem(id) is not null || !await CustomerLookup.ExistsAsync(customer))
        {
            return UnknownCustomer(id);
        }

        var changes = await customer.GetScoreHistoryAsync();
        return TypedResults.Ok(new ScoreHistoryView(id, [.. changes.Select(c => new ScoreChangeView(c.At, c.From, c.To, c.To - c.From, c.Cause))]));
    }

    public static async Task<Results<Ok<TimelineView>, ProblemHttpResult>> GetTimeline(
        string id, int? limit, string? cursor, IGrainFactory grains)
    {
        if (PageLimit.Resolve(limit, fallback: 20, max: 100) is not { } take)
        {
            return Problems.Invalid("limit", "must be between 1 and 100.");
        }

        (DateTimeOffset At, string EventId)? after = null;
        if (cursor is not null)
        {
            if (PageCursor.Decode(cursor, 2) is not [var ticks, var eventId] || !long.TryParse(ticks, out var utcTicks)
                || utcTicks < DateTimeOffset.MinValue.UtcTicks || utcTicks > DateTimeOffset.MaxValue.UtcTicks)
            {
                return Problems.Invalid("cursor", "is not a cursor this API returned.");
            }

            after = (new DateTimeOffset(utcTicks, TimeSpan.Zero), eventId);
        }

        var customer = grains.GetGrain<ICustomerGrain>(id);
        if (TouchpointLimits.LookupProblem(id) is not null || !await CustomerLookup.ExistsAsync(customer))
        {
            return UnknownCustomer(id);
        }

        // The grain keeps a short timeline (tens of entries), so it is read whole and paged by keyset
        // here: an offset would shift when a new event lands in front of the page being read.
        var all = await customer.GetTimelineAsync(0, int.MaxValue);
        var ordered = all.Entries
            .OrderByDescending(e => e.OccurredAt)
            .ThenBy(e => e.EventId, StringComparer.Ordinal)
            .Where(e => after is not { } a || e.OccurredAt < a.At || (e.OccurredAt == a.At && string.CompareOrdinal(e.EventId, a.EventId) > 0))
            .Take(take + 1)
            .ToList();
        var page = ordered.Take(take).ToList();
        var next = ordered.Count > take
            ? PageCursor.Encode(page[^1].OccurredAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture), page[^1].EventId)
            : null;
        return TypedResults.Ok(new TimelineView(id,
            [.. page.Select(e => new TimelineEntryView(e.EventId, e.Type.ToName(), e.Channel.ToName(), e.OccurredAt, e.IssueId, e.Sentiment, e.Score))],
            all.Total, next));
    }

    private static IssueView ToView(IssueLedger issue) => new(
        issue.IssueId, issue.OpenedAt, Math.Round(issue.Age.TotalHours, 2), issue.Contacts,
        [.. issue.Channels.Select(c => c.ToName())], issue.TotalWaitSeconds, issue.LastInboundAt, issue.LastOutboundAt, issue.ContactEventIds);

    private static ProblemHttpResult UnknownCustomer(string id) =>
        Problems.NotFound($"No customer '{(id.Length > 64 ? id[..64] + "…" : id)}': it has neither a profile nor any events.");
}
