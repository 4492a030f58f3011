using System.Security.Cryptography;

namespace SchoolSite.Core.Data;

/// <summary>
/// Ids for things the server makes (content items, people, media, links): 26 random lower-case letters and
/// digits, so an id can never be guessed from another and is safe in a path or a file name.
/// </summary>
public static class IdGenerator
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static string New() => RandomNumberGenerator.GetString(Alphabet, 26);
}
