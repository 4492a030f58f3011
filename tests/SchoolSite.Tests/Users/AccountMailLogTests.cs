using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Users;

/// <summary>
/// A demo or trial with no SMTP server set up: account e-mails cannot be sent, so their link is written to the log,
/// where whoever runs the demo finds it, and it works like the e-mailed one.
/// </summary>
public sealed partial class AccountMailLogTests
{
    [Fact]
    public async Task Without_an_SMTP_server_the_invitation_link_goes_to_the_log_and_works()
    {
        await using var factory = new LoggedFactory();
        factory.Extra["SchoolSite:Users:AdministratorsSetPasswords"] = "false";
        await factory.CreateSchoolAsync("delta", "Delta Primary", "delta");
        using var head = await factory.SignedInAsync("/delta", "head@delta.example", TwoSchoolsFixture.AdminPassword);

        var sent = await Accounts.TextAsync(await head.SubmitAsync("/delta/admin/users/create",
            ("Input.DisplayName", "Ola Offline"), ("Input.Email", "ola@delta.example"), ("Input.Roles", "Editor")));
        Assert.Contains("We have sent Ola Offline an invitation at ola@delta.example.", sent);

        var logged = factory.Log.Where(line => line.Contains("ola@delta.example", StringComparison.Ordinal) && line.Contains("/set-password/", StringComparison.Ordinal)).ToList();
        var entry = Assert.Single(logged);
        Assert.Contains("No SMTP server is set up", entry);
        var link = LoggedLink().Match(entry);
        Assert.True(link.Success, "No link in the log entry: " + entry);

        using var ola = new Browser(factory);
        var saved = await Invited.ChoosePasswordAsync(ola, new Uri(link.Value).PathAndQuery, "offline demo password");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await ola.SignInOrFailAsync("/delta", "ola@delta.example", "offline demo password");
    }

    [GeneratedRegex(@"https?://[^\s""]+/set-password/ssp_[A-Za-z0-9_-]+")]
    private static partial Regex LoggedLink();

    /// <summary>An installation without SMTP settings, whose log the test reads.</summary>
    private sealed class LoggedFactory() : SchoolSiteFactory(TestDatabase.Sqlite)
    {
        public ConcurrentQueue<string> Log { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(new CapturedLog(Log)));
        }
    }

    private sealed class CapturedLog(ConcurrentQueue<string> lines) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => lines.Enqueue(formatter(state, exception));

        public void Dispose()
        {
        }
    }
}
