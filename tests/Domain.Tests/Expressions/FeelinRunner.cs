using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace TaskFunctions.Domain.Tests.Expressions;

/// <summary>Runs the feelin npm interpreter (through node) on a batch of cases.</summary>
internal static class FeelinRunner
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Evaluates all cases in one node process and returns feelin's result objects in order.</summary>
    public static JsonArray Evaluate(IReadOnlyList<FeelCase> cases)
    {
        var feelinEntry = LocateFeelin();
        var script = Path.Combine(AppContext.BaseDirectory, "Expressions", "feelin-evaluate.mjs");
        Assert.True(File.Exists(script), $"{script} is missing from the test output.");

        var input = Path.Combine(Path.GetTempPath(), $"feelin-cases-{Guid.NewGuid():N}.json");
        var payload = new JsonArray(cases
            .Select(c => (JsonNode)new JsonObject { ["expression"] = c.Expression, ["context"] = c.Context.DeepClone() })
            .ToArray());
        File.WriteAllText(input, payload.ToJsonString());
        try
        {
            return (JsonArray)JsonNode.Parse(RunNode(script, feelinEntry, input))!;
        }
        finally
        {
            File.Delete(input);
        }
    }

    // The test command runs "npm ci" at the repository root, so node_modules sits in an ancestor of the
    // test assembly. Its absence is a broken setup and must fail, not skip.
    private static string LocateFeelin()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var package = Path.Combine(directory.FullName, "node_modules", "feelin", "package.json");
            if (!File.Exists(package))
            {
                continue;
            }

            var manifest = JsonNode.Parse(File.ReadAllText(package))!;
            var main = manifest["exports"]?["."]?.GetValue<string>() ?? manifest["main"]?.GetValue<string>() ?? "index.js";
            return Path.GetFullPath(Path.Combine(Path.GetDirectoryName(package)!, main));
        }

        Assert.Fail(
            $"node_modules/feelin was not found in any directory above {AppContext.BaseDirectory}. " +
            "Run 'npm ci' at the repository root before running the tests.");
        return string.Empty;
    }

    private static string RunNode(string script, string feelinEntry, string input)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(feelinEntry);
        start.ArgumentList.Add(input);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (Win32Exception e)
        {
            Assert.Fail($"Node.js ('node') is required for the feelin cross-check but could not be started: {e.Message}");
            throw;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"node did not finish the feelin cross-check within {Timeout.TotalSeconds} s.");
            }

            Assert.True(process.ExitCode == 0, $"node exited with {process.ExitCode}: {stderr.Result}");
            return stdout.Result;
        }
    }
}
