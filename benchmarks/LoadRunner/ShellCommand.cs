using System.Diagnostics;

namespace CitizenBot.LoadRunner;

/// <summary>Runs an operator's command (e.g. restarting the database server) and waits for it to finish.</summary>
public static class ShellCommand
{
    public static async Task RunAsync(string command, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start /bin/sh.");
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The command exited with code {process.ExitCode}.");
        }
    }
}
