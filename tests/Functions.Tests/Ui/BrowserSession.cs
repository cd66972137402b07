using Microsoft.Playwright;

namespace TaskFunctions.Functions.Tests.Ui;

/// <summary>
/// One browser context and page at a given width, recording every console error and uncaught page exception so a
/// test can fail on them. Chromium logs each answered-with-an-error request as a console error ("Failed to load
/// resource"); a test that provokes such answers on purpose says how many it expects.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private const string FailedRequest = "Failed to load resource: the server responded with a status of 4";

    private readonly IBrowserContext _context;
    private readonly UiFixture _ui;
    private readonly int _expectedHttpErrors;
    private readonly List<string> _errors = [];

    private BrowserSession(IBrowserContext context, IPage page, UiFixture ui, int expectedHttpErrors)
    {
        _context = context;
        Page = page;
        _ui = ui;
        _expectedHttpErrors = expectedHttpErrors;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_errors)
                {
                    _errors.Add(message.Text);
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_errors)
            {
                _errors.Add("uncaught: " + error);
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Opens a fresh context (no stored identity) with a viewport <paramref name="width"/> pixels wide.</summary>
    public static async Task<BrowserSession> OpenAsync(UiFixture ui, int width, int expectedHttpErrors = 0)
    {
        var context = await ui.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = width < 600 ? 844 : 800 },
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page, ui, expectedHttpErrors);
    }

    /// <summary>Saves a full-page screenshot as <c>TestResults/ui-screenshots/{name}.png</c>.</summary>
    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_ui.ScreenshotDirectory, name + ".png"), FullPage = true });

    public void AssertNoConsoleErrors()
    {
        List<string> errors;
        lock (_errors)
        {
            errors = [.. _errors];
        }

        var failedRequests = errors.Count(e => e.StartsWith(FailedRequest, StringComparison.Ordinal));
        var others = errors.Where(e => !e.StartsWith(FailedRequest, StringComparison.Ordinal)).ToList();
        Assert.True(others.Count == 0 && failedRequests <= _expectedHttpErrors,
            $"The page logged errors (expected at most {_expectedHttpErrors} failed requests):\n" + string.Join('\n', errors));
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
