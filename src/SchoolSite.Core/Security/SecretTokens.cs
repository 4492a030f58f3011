using System.Security.Cryptography;
using System.Text;

namespace SchoolSite.Core.Security;

/// <summary>
/// Bearer secrets (trust API keys, personal tokens): shown once, stored only as a SHA-256 hash, found by
/// that hash. The prefix says what kind of secret it is, which helps people and secret scanners.
/// </summary>
public static class SecretTokens
{
    public static string New(string prefix)
        => prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The first characters, so people can tell their secrets apart without seeing them.</summary>
    public static string Preview(string token) => token[..10];

    /// <summary>A token worth looking up: the right prefix and a plausible length.</summary>
    public static bool LooksLike(string token, string prefix) => token.StartsWith(prefix, StringComparison.Ordinal) && token.Length <= 100;
}
