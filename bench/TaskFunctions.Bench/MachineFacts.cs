using System.Diagnostics;
using System.Runtime.InteropServices;

namespace TaskFunctions.Bench;

/// <summary>What the report says about the machine: cores, memory, OS, runtimes.</summary>
public static class MachineFacts
{
    public static IEnumerable<(string, string)> Collect(string root)
    {
        yield return ("CPU", CpuModel());
        yield return ("logical cores", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return ("memory", $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024):0.0} GiB");
        yield return ("OS", RuntimeInformation.OSDescription);
        yield return (".NET", RuntimeInformation.FrameworkDescription);
        yield return ("Node.js", Run("node", "--version", root));
        yield return ("Azurite", PackageVersion(root, "azurite"));
        yield return ("bpmn-engine", PackageVersion(root, "bpmn-engine"));
        yield return ("@azure/data-tables", PackageVersion(root, Path.Combine("@azure", "data-tables")));
        yield return ("load average at start (1/5/15 min)", LoadAverage());
        yield return ("commit", Run("git", "rev-parse --short HEAD", root));
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    /// <summary>Other work on the machine skews every figure; the report shows how busy it was.</summary>
    private static string LoadAverage()
    {
        try
        {
            return string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static string PackageVersion(string root, string package)
    {
        var file = Path.Combine(root, "node_modules", package, "package.json");
        return File.Exists(file)
            ? System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(file))?["version"]?.GetValue<string>() ?? "?"
            : "not installed";
    }

    private static string Run(string command, string arguments, string directory)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(command, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = directory,
            })!;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return output.Length > 0 ? output : "?";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "not found";
        }
    }
}
