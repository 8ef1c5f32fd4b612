namespace CustomerSuccess.Api.Auth;

/// <summary>
/// Every API key has exactly one role. The policies name who may call an endpoint group; admin may call all.
/// </summary>
public static class ApiRoles
{
    public const string Ingest = "ingest";
    public const string Csm = "csm";
    public const string Exec = "exec";
    public const string Admin = "admin";

    public static readonly string[] All = [Ingest, Csm, Exec, Admin];

    /// <summary>Policy names, one per kind of work.</summary>
    public static class Policies
    {
        public const string Ingest = "ingest";
        public const string ReadCustomers = "read-customers";
        public const string WorkTasks = "work-tasks";
        public const string ReadSnapshot = "read-snapshot";
    }

    public static IServiceCollection AddApiAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Ingest, p => p.RequireRole(Ingest, Admin))
            .AddPolicy(Policies.ReadCustomers, p => p.RequireRole(Csm, Exec, Admin))
            .AddPolicy(Policies.WorkTasks, p => p.RequireRole(Csm, Admin))
            .AddPolicy(Policies.ReadSnapshot, p => p.RequireRole(Exec, Admin));
        return services;
    }
}
