using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Functions.Tests.Ui;

/// <summary>
/// What the browser tests share: an Azurite, the REAL host as a process (serving the bundled UI) and one headless
/// Chromium — the distribution's binary, as <c>./test.sh</c> installs it; Playwright downloads no browser.
/// </summary>
public sealed class UiFixture : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();
    private HostProcess? _host;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public HostProcess Host => _host ?? throw new InvalidOperationException("The host has not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    /// <summary>Where the screenshots of the main screens go: <c>TestResults/ui-screenshots/</c> (git-ignored).</summary>
    public string ScreenshotDirectory { get; } = Path.Combine(RepositoryRoot(), "TestResults", "ui-screenshots");

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        Assert.True(File.Exists(chromium), $"Chromium is not installed at {chromium}: ./test.sh installs it (apt-get install chromium), or set CHROMIUM_PATH.");

        await _azurite.InitializeAsync();
        _host = HostProcess.Start(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = _azurite.ConnectionString,
            ["AzureFunctionsJobHost__extensions__taskFunctions__hubName"] = "U" + Guid.NewGuid().ToString("N")[..16],
        });
        Assert.True(await _host.WaitForStatusAsync("/health", 200, TimeSpan.FromSeconds(60)), _host.Output);
        Assert.True(await _host.WaitForStatusAsync("/", 200, TimeSpan.FromSeconds(5)),
            "The host serves no UI: run scripts/install-tools.sh (it builds ui/ into src/Functions/wwwroot), then build again.");

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _azurite.DisposeAsync();
    }

    /// <summary>
    /// A second host on the same Azurite with <paramref name="settings"/> (configuration keys, <c>:</c>-separated)
    /// added, e.g. to run in Jwt mode.
    /// </summary>
    public async Task<HostProcess> StartHostAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var environment = settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
        environment["AzureWebJobsStorage"] = _azurite.ConnectionString;
        environment["AzureFunctionsJobHost__extensions__taskFunctions__hubName"] = "U" + Guid.NewGuid().ToString("N")[..16];
        var host = HostProcess.Start(environment);
        Assert.True(await host.WaitForStatusAsync("/health", 200, TimeSpan.FromSeconds(60)), host.Output);
        return host;
    }

    /// <summary>A client of the host as the trusted anonymous caller, to arrange state over HTTP.</summary>
    public HttpClient Client() => new() { BaseAddress = Host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Deploys the resources (file name, content) over HTTP.</summary>
    public async Task DeployAsync(params (string Name, string Content)[] resources)
    {
        using var client = Client();
        using var form = new MultipartFormDataContent();
        foreach (var (name, content) in resources)
        {
            var part = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "resources", name);
        }

        using var response = await client.PostAsync("/v2/deployments", form);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Starts an instance of the latest version of <paramref name="processId"/>.</summary>
    public async Task StartAsync(string processId, JsonObject? variables = null)
    {
        using var client = Client();
        var body = new JsonObject { ["processDefinitionId"] = processId, ["variables"] = variables ?? [] };
        using var response = await client.PostAsync("/v2/process-instances",
            new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TaskFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
