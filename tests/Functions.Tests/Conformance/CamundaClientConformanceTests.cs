using System.Diagnostics;
using System.Text;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Functions.Tests.Conformance;

/// <summary>
/// Camunda's official client (<c>@camunda8/orchestration-cluster-api</c> 8.8.4, pinned in package.json) drives the real
/// host process through deploy, start, search, get, assign, unassign, update, form, variables and complete, with
/// request validation strict and response validation fanatical: any missing or unknown field in our answers fails.
/// The steps are in <c>tests/conformance/conformance.mjs</c>.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CamundaClientConformanceTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 120_000)]
    public async Task OfficialClient_FanaticalValidation_EveryStepPasses()
    {
        var root = RepositoryRoot();
        await using var host = HostProcess.Start(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["AzureFunctionsJobHost__extensions__taskFunctions__hubName"] = "C" + Guid.NewGuid().ToString("N")[..16],
        });
        Assert.True(await host.WaitForStatusAsync("/health", 200, TimeSpan.FromSeconds(45)), host.Output);

        var (exitCode, output) = await RunNodeAsync(root, host.BaseAddress, TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 0, $"conformance.mjs exited with {exitCode}:\n{output}\n--- host ---\n{host.Output}");
        Assert.Contains("conformance: all steps passed", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunNodeAsync(string root, Uri baseAddress, TimeSpan within)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine("tests", "conformance", "conformance.mjs"));
        start.Environment["CAMUNDA_REST_ADDRESS"] = baseAddress.ToString().TrimEnd('/');
        start.Environment["CAMUNDA_AUTH_STRATEGY"] = "NONE";
        start.Environment["CAMUNDA_SDK_VALIDATION"] = "req:strict,res:fanatical";
        start.Environment["CAMUNDA_SDK_HTTP_RETRY_MAX_ATTEMPTS"] = "1";
        // The client writes samples of unknown response fields here; keep them out of the repository.
        start.Environment["CAMUNDA_SDK_VALIDATION_CAPTURE_DIR"] = Path.Combine(Path.GetTempPath(), "tf-camunda-sdk-captures");

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Append($"conformance.mjs did not finish within {within.TotalSeconds:0} s");
            return (-1, Text());
        }

        process.WaitForExit();
        return (process.ExitCode, Text());

        void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }
        }

        string Text()
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    // The directory with package.json and node_modules, above the test's build output.
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "tests", "conformance", "conformance.mjs")))
            {
                Assert.True(
                    Directory.Exists(Path.Combine(dir.FullName, "node_modules", "@camunda8", "orchestration-cluster-api")),
                    "The official client is not installed: run scripts/install-tools.sh (npm ci).");
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("tests/conformance/conformance.mjs was not found above " + AppContext.BaseDirectory);
    }
}
