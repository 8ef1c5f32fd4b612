using CustomerSuccess.Actors;
using CustomerSuccess.Api.Auth;
using CustomerSuccess.Api.Snapshots;
using CustomerSuccess.Api.Validation;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Portfolio;
using CustomerSuccess.Silo.Portfolio;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CustomerSuccess.Api.Apis;

/// <summary>The executives' portfolio snapshot and its daily trend.</summary>
public static class SnapshotApi
{
    public static IEndpointRouteBuilder MapSnapshotApi(this IEndpointRouteBuilder app)
    {
        var snapshot = app.MapGroup("/v1/snapshot").WithTags("Snapshot").RequireAuthorization(ApiRoles.Policies.ReadSnapshot);
        snapshot.MapGet("", GetSnapshot).WithName("GetSnapshot")
            .WithSummary("Customers per band (unscored and churned included), value at risk and churned, NPS of the last year, who entered at risk this week, open tasks by rule, how fast outreach happens; by segment and/or CSM.");
        snapshot.MapGet("/history", GetHistory).WithName("GetSnapshotHistory")
            .WithSummary("One point per day (end-of-day figures, today live) for the last N days the API has recorded, by segment and/or CSM as the snapshot. In memory until PostgreSQL mode.");
        return app;
    }

    public static async Task<Results<Ok<SnapshotView>, ProblemHttpResult>> GetSnapshot(string? segment, string? ownerId, IGrainFactory grains)
    {
        if (ScopeProblem(segment, ownerId) is { } problem)
        {
            return problem;
        }

        var scope = PortfolioScope.Of(segment, ownerId);
        var snapshot = await grains.GetGrain<IPortfolioGrain>("all").GetSnapshotAsync(scope.Segment, scope.OwnerId);
        return TypedResults.Ok(SnapshotView.From(snapshot));
    }

    public static async Task<Results<Ok<SnapshotHistoryView>, ProblemHttpResult>> GetHistory(
        int? days, string? segment, string? ownerId, IGrainFactory grains, IPortfolioHistory history, TimeProvider time, CancellationToken cancellationToken)
    {
        var count = days ?? 30;
        if (count is < 1 or > IPortfolioHistory.MaxDays)
        {
            return Problems.Invalid("days", $"must be between 1 and {IPortfolioHistory.MaxDays}.");
        }

        if (ScopeProblem(segment, ownerId) is { } problem)
        {
            return problem;
        }

        var scope = PortfolioScope.Of(segment, ownerId);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var points = (await history.BetweenAsync(today.AddDays(1 - count), today.AddDays(-1), scope, cancellationToken))
            .Select(d => new SnapshotPoint(d.Day, Live: false, SnapshotView.From(d.Snapshot)))
            .ToList();
        var live = await grains.GetGrain<IPortfolioGrain>("all").GetSnapshotAsync(scope.Segment, scope.OwnerId);
        points.Add(new SnapshotPoint(today, Live: true, SnapshotView.From(live)));
        return TypedResults.Ok(new SnapshotHistoryView(count, points));
    }

    private static ProblemHttpResult? ScopeProblem(string? segment, string? ownerId) =>
        (segment is null ? null : TouchpointLimits.LookupProblem(segment)) is { } segmentProblem ? Problems.Invalid("segment", segmentProblem)
        : (ownerId is null ? null : TouchpointLimits.LookupProblem(ownerId)) is { } ownerProblem ? Problems.Invalid("ownerId", ownerProblem)
        : null;
}
