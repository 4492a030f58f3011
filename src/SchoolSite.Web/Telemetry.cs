using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SchoolSite.Core.Diagnostics;

namespace SchoolSite.Web;

/// <summary>
/// Traces and metrics over OpenTelemetry (ASP.NET Core, EF Core, Npgsql and the project's own: consent decisions,
/// publish vetoes, page-cache hits, event lag between nodes), exported over OTLP only when an endpoint is configured
/// (<c>SchoolSite:Telemetry:OtlpEndpoint</c>, or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>); logs as JSON lines when
/// <c>SchoolSite:Logging:Json</c> is true. Nothing is collected otherwise.
/// </summary>
public static class Telemetry
{
    public static void AddSchoolSiteTelemetry(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue("SchoolSite:Logging:Json", false))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(options => options.UseUtcTimestamp = true);
        }
        var endpoint = builder.Configuration["SchoolSite:Telemetry:OtlpEndpoint"] is { Length: > 0 } configured ? configured
            : builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrEmpty(endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            return;
        }
        var protocol = string.Equals(builder.Configuration["SchoolSite:Telemetry:Protocol"], "grpc", StringComparison.OrdinalIgnoreCase)
            ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        void Export(OtlpExporterOptions options, string signal)
        {
            options.Protocol = protocol;
            // Over HTTP each signal has its own path under the collector's address.
            options.Endpoint = protocol == OtlpExportProtocol.Grpc ? uri : new Uri(uri, uri.AbsolutePath.TrimEnd('/') + "/v1/" + signal);
        }
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["SchoolSite:Telemetry:ServiceName"] ?? "schoolsite",
                serviceInstanceId: Environment.MachineName + "-" + Environment.ProcessId))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddNpgsql()
                .AddSource(SchoolSiteMetrics.Name)
                .AddOtlpExporter(options => Export(options, "traces")))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter(SchoolSiteMetrics.Name, "Npgsql")
                .AddOtlpExporter(options => Export(options, "metrics")));
    }
}
