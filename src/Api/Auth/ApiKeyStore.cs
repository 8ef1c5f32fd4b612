using System.Security.Cryptography;
using System.Text;

namespace CustomerSuccess.Api.Auth;

/// <summary>
/// The configured API keys (Auth:Keys:N:Name, :Role, :Sha256). Only hashes are held, so a leaked
/// configuration does not leak keys. Without configured keys, Development gets one generated key
/// per role (printed once at startup); any other environment refuses to start.
/// </summary>
public sealed class ApiKeyStore
{
    private readonly ApiKey[] _keys;

    public ApiKeyStore(IConfiguration configuration, IHostEnvironment environment, ILogger<ApiKeyStore> logger)
    {
        var configured = configuration.GetSection("Auth:Keys").GetChildren().ToList();
        if (configured.Count > 0)
        {
            _keys = [.. configured.Select(Read)];
            logger.LogInformation("API keys configured: {KeyCount} ({KeyNames})", _keys.Length, string.Join(", ", _keys.Select(k => $"{k.Name}:{k.Role}")));
            return;
        }

        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                "No API keys are configured. Configure Auth:Keys:0:Name, Auth:Keys:0:Role (ingest, csm, exec or admin) and " +
                "Auth:Keys:0:Sha256 (lowercase hex SHA-256 of the key), e.g. through environment variables Auth__Keys__0__Name. " +
                "Keys are generated automatically only in the Development environment.");
        }

        _keys = new ApiKey[ApiRoles.All.Length];
        for (var i = 0; i < ApiRoles.All.Length; i++)
        {
            var role = ApiRoles.All[i];
            var key = $"cs_dev_{role}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";
            _keys[i] = new ApiKey($"dev-{role}", role, Hash(key));

            // Printing a key is acceptable only here: a throwaway key of a development run, shown once.
            logger.LogWarning("Development API key for role {Role}: {DevelopmentKey}", role, key);
        }
    }

    public ApiKey? Find(string presentedKey)
    {
        var hash = Hash(presentedKey);
        ApiKey? match = null;

        // Every key is compared, in constant time, so timing reveals neither which key nor how much matched.
        foreach (var key in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, key.Sha256))
            {
                match = key;
            }
        }

        return match;
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static ApiKey Read(IConfigurationSection section)
    {
        var name = section["Name"];
        var role = section["Role"];
        var sha = section["Sha256"];
        if (string.IsNullOrWhiteSpace(name) || role is null || !ApiRoles.All.Contains(role) || sha is null || sha.Length != 64)
        {
            throw new InvalidOperationException(
                $"API key Auth:Keys:{section.Key} needs a Name, a Role (one of {string.Join(", ", ApiRoles.All)}) and Sha256 (64 lowercase hex characters).");
        }

        try
        {
            return new ApiKey(name, role, Convert.FromHexString(sha));
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"API key Auth:Keys:{section.Key} ({name}): Sha256 is not hexadecimal.");
        }
    }
}

/// <summary>A configured key: its name (what logs and rate limits use), its role and the SHA-256 of the key.</summary>
public sealed record ApiKey(string Name, string Role, byte[] Sha256);
