using Microsoft.AspNetCore.Components;

namespace Omnichannel.StaffConsole.Components.Shared;

/// <summary>A screen that keeps itself current over the interactive circuit: once interactive, it reads its data
/// again every <c>Console:RefreshSeconds</c> (default 2) and renders what changed — no manual refresh.</summary>
public abstract class LivePage : ComponentBase, IDisposable
{
    [Inject] private IConfiguration Configuration { get; set; } = null!;
    private readonly CancellationTokenSource stop = new();
    private bool started;

    /// <summary>Reads the screen's live data.</summary>
    protected abstract Task RefreshAsync(CancellationToken ct);

    protected CancellationToken Stopping => stop.Token;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (started || !RendererInfo.IsInteractive) return;
        started = true;
        var period = TimeSpan.FromSeconds(Configuration.GetValue("Console:RefreshSeconds", 2.0));
        await Task.Yield();
        _ = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(period);
            try
            {
                while (await timer.WaitForNextTickAsync(stop.Token))
                    await InvokeAsync(async () =>
                    {
                        await RefreshAsync(stop.Token);
                        StateHasChanged();
                    });
            }
            catch (OperationCanceledException)
            {
                // the screen was closed
            }
        });
    }

    public void Dispose()
    {
        stop.Cancel();
        GC.SuppressFinalize(this);
    }
}
