using System.Diagnostics.Metrics;
using System.Net;
using Clearline.Database;
using Clearline.Security;
using Clearline.Tests.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Security;

public sealed class TenancyDenialsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnotherTenantsId_Is404AndCounted()
    {
        await using var app = await IntakeApp.StartAsync(DatabaseProvider.Sqlite);
        var (_, owner) = await IntakeApp.HotlineAsync(app);
        var (_, other) = await IntakeApp.HotlineAsync(app, "DE");
        var report = await IntakeApp.SubmitAsync(owner, new { url = "https://owned.example.invalid/" });
        var meters = app.Services.GetRequiredService<IMeterFactory>();
        long denied = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Name == TenancyDenials.CounterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref denied, value));
        listener.Start();

        using var own = await owner.GetAsync(new Uri($"/api/v1/reports/{report.GetProperty("id")}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(0, Interlocked.Read(ref denied));
        using var foreign = await other.GetAsync(new Uri($"/api/v1/reports/{report.GetProperty("id")}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(1, Interlocked.Read(ref denied));
    }
}
