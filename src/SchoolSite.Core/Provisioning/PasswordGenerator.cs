using System.Security.Cryptography;

namespace SchoolSite.Core.Provisioning;

public static class PasswordGenerator
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>A random password of 20 characters that a person can retype (no 0/O or 1/l).</summary>
    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, 20);
}
