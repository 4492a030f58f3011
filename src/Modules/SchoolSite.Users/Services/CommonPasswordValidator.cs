using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;
using SchoolSite.Users.Models;

namespace SchoolSite.Users.Services;

/// <summary>
/// Length over composition (NCSC guidance): at least 12 characters, no rules about symbols, but never a
/// password from the list of common ones shipped with the module.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<SchoolUser>
{
    public const int MinimumLength = 12;

    private static readonly FrozenSet<string> Common = Load();

    public static bool IsCommon(string password) => Common.Contains(password.Trim().ToLowerInvariant());

    /// <summary>The policy in plain words, for forms, the CLI and the API.</summary>
    public static IEnumerable<string> Problems(string password)
    {
        if (password.Length < MinimumLength)
        {
            yield return $"The password must be at least {MinimumLength} characters long.";
        }
        else if (IsCommon(password))
        {
            yield return "This password is on a list of commonly used passwords; choose another.";
        }
    }

    public Task<IdentityResult> ValidateAsync(UserManager<SchoolUser> manager, SchoolUser user, string? password)
    {
        if (password is not null && IsCommon(password))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "CommonPassword",
                Description = "This password is on a list of commonly used passwords; choose another.",
            }));
        }
        return Task.FromResult(IdentityResult.Success);
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("SchoolSite.Users.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                words.Add(line.Trim().ToLowerInvariant());
            }
        }
        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
