using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Omnichannel.AppHost;

namespace Omnichannel.CrashTest;

/// <summary>One service of <see cref="PlatformServices"/> as a plain process running its built dll, wired as the
/// AppHost wires the local run (loopback listeners, neighbours' gRPC addresses, the daemon on, demo data), on ports
/// chosen here so the experiment runs beside a local run. Its output goes to a log file in the run folder.</summary>
public sealed class ServiceProcess(PlatformService service, string root, string logDir)
{
    private Process? process;

    public PlatformService Service => service;
    public string Name => service.Name;
    public int HttpPort { get; } = FreePort();
    public int GrpcPort { get; } = FreePort();
    public Uri HttpAddress => new($"http://127.0.0.1:{HttpPort}");
    public Dictionary<string, string> Environment { get; } = new();
    public int Starts { get; private set; }

    public void Start()
    {
        var projectDir = Path.Combine(root, Path.GetDirectoryName(service.Project)!);
        var binDir = Path.Combine(projectDir, "bin", "Release", "net10.0");
        var dll = Path.Combine(binDir, Path.GetFileNameWithoutExtension(service.Project) + ".dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"{dll} is not built: run tools/crash.sh without --no-build");
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = binDir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var (key, value) in Environment) info.Environment[key] = value;
        info.Environment["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{HttpPort}";
        info.Environment["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{GrpcPort}";
        info.Environment["Kestrel__Endpoints__Grpc__Protocols"] = "Http2";
        var log = new StreamWriter(Path.Combine(logDir, $"{Name}.log"), append: true) { AutoFlush = true };
        log.WriteLine($"==== start {++Starts} at {DateTimeOffset.UtcNow:O}");
        process = Process.Start(info) ?? throw new InvalidOperationException($"{Name} did not start");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>SIGKILL: no shutdown hook runs, as when a node dies.</summary>
    public void Kill()
    {
        if (process is { HasExited: false }) process.Kill(entireProcessTree: false); // SIGKILL on Linux
        process?.WaitForExit(10_000);
    }

    /// <summary>SIGTERM and a graceful stop, for the end of the run; SIGKILL after 30 s.</summary>
    public void Stop()
    {
        if (process is not { HasExited: false }) return;
        Posix.Terminate(process.Id);
        if (!process.WaitForExit(30_000)) Kill();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The throwaway broker tools/crash.sh started (tools/lib/servers.sh): killed by the pid in its data folder,
/// started again by the same script function, with the same node name, ports and data.</summary>
public sealed class BrokerProcess(string dataDir, string root)
{
    public void Kill()
    {
        var pid = int.Parse(File.ReadAllText(Path.Combine(dataDir, "rabbitmq.pid")).Trim());
        Posix.Kill9(pid);
        for (var i = 0; i < 100 && Posix.Alive(pid); i++) Thread.Sleep(100);
    }

    public async Task StartAsync()
    {
        var env = File.ReadAllLines(Path.Combine(dataDir, "rabbitmq.env"))
            .Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        var info = new ProcessStartInfo("bash") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-c", ". tools/lib/servers.sh && omni_start_rabbitmq \"$1\" \"$2\" \"$3\" \"$4\"", "start-rabbitmq",
                     dataDir, env["RABBITMQ_NODE_PORT"], env["RABBITMQ_DIST_PORT"], env["RABBITMQ_NODENAME"] })
            info.ArgumentList.Add(arg);
        using var bash = Process.Start(info)!;
        var output = await bash.StandardOutput.ReadToEndAsync() + await bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync();
        if (bash.ExitCode != 0) throw new InvalidOperationException($"RabbitMQ did not start again: {output}");
    }
}

/// <summary>Signals by pid, without a shell.</summary>
public static class Posix
{
    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    public static void Kill9(int pid) => kill(pid, 9);
    public static void Terminate(int pid) => kill(pid, 15);
    public static bool Alive(int pid) => kill(pid, 0) == 0;
}

/// <summary>Readiness as a service reports it: /health/ready answers 200.</summary>
public static class Readiness
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(3) };

    public static async Task<bool> IsReadyAsync(Uri address)
    {
        try { return (await Http.GetAsync(new Uri(address, "/health/ready"))).StatusCode == HttpStatusCode.OK; }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return false; }
    }
}
