using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TaskFunctions.Functions.Tests.Authentication;

namespace TaskFunctions.Functions.Tests.Ui;

/// <summary>
/// The task-list UI in a real browser (headless Chromium through Playwright) against the real host and Azurite:
/// what a person does — sign in, find a task, claim it, fill its form, complete it — and what they see. Every test
/// fails on a console error or an uncaught exception in the page.
/// </summary>
public sealed partial class TaskListUiTests(UiFixture ui) : IClassFixture<UiFixture>
{
    private const float WaitMilliseconds = 20_000;

    [Fact(Timeout = 120_000)]
    public async Task ClaimFillFormComplete_NextTaskAppearsForTheOtherGroup()
    {
        // Arrange
        var id = "ui-invoice-" + Guid.NewGuid().ToString("N")[..8];
        await ui.DeployAsync((id + ".bpmn", UiSamples.Invoice(id, "ui-accounting", "ui-management")), ("invoice.form", UiSamples.Form));
        await ui.StartAsync(id, new() { ["invoiceId"] = "INV-7", ["comment"] = "" });
        await using var session = await BrowserSession.OpenAsync(ui, width: 1280);
        var page = session.Page;

        // Act: carol of accounting signs in and finds the task among those she may claim.
        await page.GotoAsync(ui.Host.BaseAddress.ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await session.ScreenshotAsync("01-sign-in");
        await SignInAsync(page, "carol", "ui-accounting");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Claimable by me") }).ClickAsync();
        var review = TaskItem(page, id, "Review invoice");
        await Expect(review).ToBeVisibleAsync();
        await session.ScreenshotAsync("02-inbox");

        await review.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Review invoice", Level = 2 })).ToBeVisibleAsync();
        await Expect(page.Locator(".fields")).ToContainTextAsync("department");
        await Expect(page.Locator(".diagram .active-task")).ToHaveCountAsync(1, new() { Timeout = WaitMilliseconds });
        await page.GetByRole(AriaRole.Button, new() { Name = "Claim", Exact = true }).ClickAsync();
        await Expect(page.Locator(".fields")).ToContainTextAsync("carol");

        await page.GetByLabel("Approved").CheckAsync();
        await page.GetByLabel("Comment").FillAsync("Looks right");
        await page.GetByLabel("Amount").FillAsync("120");
        await session.ScreenshotAsync("03-task-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete task" }).ClickAsync();
        await Expect(page.Locator(".detail-badges")).ToContainTextAsync("COMPLETED");
        await Expect(page.Locator(".history")).ToContainTextAsync("COMPLETED by carol");

        // Assert: mike of management now has the next task in his group's view.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await SignInAsync(page, "mike", "ui-management");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^My groups: ui-management") }).ClickAsync();
        var approve = TaskItem(page, id, "Approve payment");
        await Expect(approve).ToBeVisibleAsync(new() { Timeout = WaitMilliseconds });
        await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^My groups: ui-management") }).Locator(".count"))
            .Not.ToHaveTextAsync("0");
        await session.ScreenshotAsync("04-next-task-other-group");
        session.AssertNoConsoleErrors();
    }

    [Fact(Timeout = 120_000)]
    public async Task CompleteWithoutRequiredOutput_ServerMessageShownAtTheFormFieldAndEditorField()
    {
        // Arrange: erin completes the review (first without the amount the process requires), then dora claims the
        // next task, which has no form.
        var id = "ui-outputs-" + Guid.NewGuid().ToString("N")[..8];
        await ui.DeployAsync((id + ".bpmn", UiSamples.Invoice(id, "ui-clerks", "ui-approvers")), ("invoice.form", UiSamples.Form));
        await ui.StartAsync(id);
        await using var session = await BrowserSession.OpenAsync(ui, width: 390, expectedHttpErrors: 2);
        var page = session.Page;
        await page.GotoAsync(ui.Host.BaseAddress.ToString());
        await SignInAsync(page, "erin", "ui-clerks");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Claimable by me") }).ClickAsync();
        await Expect(TaskItem(page, id, "Review invoice")).ToBeVisibleAsync();
        await session.ScreenshotAsync("05-inbox-phone");
        await TaskItem(page, id, "Review invoice").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Claim", Exact = true }).ClickAsync();
        await page.GetByLabel("Approved").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete task" }).ClickAsync();
        // The form leaves the amount optional, the process does not: the host's message appears at the form field.
        var amountError = page.Locator(".fjs-form-field").Filter(new() { Has = page.GetByLabel("Amount") }).Locator(".fjs-form-field-error");
        await Expect(amountError).ToContainTextAsync("required variables are missing (absent or null): amount");
        await session.ScreenshotAsync("06-server-validation-form-phone");
        await page.GetByLabel("Amount").FillAsync("120");
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete task" }).ClickAsync();
        await Expect(page.Locator(".detail-badges")).ToContainTextAsync("COMPLETED");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await SignInAsync(page, "dora", "ui-approvers");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Claimable by me") }).ClickAsync();
        await TaskItem(page, id, "Approve payment").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Claim", Exact = true }).ClickAsync();
        var decision = page.GetByLabel("decision (required)");
        await Expect(decision).ToBeEditableAsync();

        // Act: complete with the required output left empty.
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete task" }).ClickAsync();

        // Assert: the server's own message, next to the field; the task stays open.
        var fieldError = page.Locator(".variable-row[data-name='decision'] .field-error");
        await Expect(fieldError).ToContainTextAsync("required variables are missing (absent or null): decision");
        await Expect(page.Locator(".detail-badges")).ToContainTextAsync("CREATED");
        await session.ScreenshotAsync("07-server-validation-editor-phone");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
            "The detail view scrolls sideways at 390 px.");

        await decision.FillAsync("\"approved\"");
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete task" }).ClickAsync();
        await Expect(page.Locator(".detail-badges")).ToContainTextAsync("COMPLETED");
        session.AssertNoConsoleErrors();
    }

    [Fact(Timeout = 120_000)]
    public async Task TaskPastItsDueDate_ShowsOverdueBadgeInListAndDetail()
    {
        // Arrange
        var id = "ui-late-" + Guid.NewGuid().ToString("N")[..8];
        await ui.DeployAsync((id + ".bpmn", UiSamples.Overdue(id, "ui-payables")));
        await ui.StartAsync(id);
        await using var session = await BrowserSession.OpenAsync(ui, width: 1280);
        var page = session.Page;

        // Act
        await page.GotoAsync(ui.Host.BaseAddress.ToString());
        await SignInAsync(page, "paul", "ui-payables");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^My groups: ui-payables") }).ClickAsync();

        // Assert
        var item = TaskItem(page, id, "Pay supplier");
        await Expect(item.Locator(".badge.overdue")).ToHaveTextAsync("Overdue");
        await item.ClickAsync();
        await Expect(page.Locator(".detail-badges .badge.overdue")).ToBeVisibleAsync();
        await Expect(page.Locator(".diagram")).ToContainTextAsync("No diagram");
        await session.ScreenshotAsync("08-overdue");
        session.AssertNoConsoleErrors();
    }

    [Fact(Timeout = 120_000)]
    public async Task EmbeddedForm_PrefilledFromVariables_CompletesWithTheEditedValue()
    {
        // Arrange
        var id = "ui-embedded-" + Guid.NewGuid().ToString("N")[..8];
        await ui.DeployAsync((id + ".bpmn", UiSamples.EmbeddedForm(id, "ui-checkers")));
        await ui.StartAsync(id, new() { ["reference"] = "REF-1" });
        await using var session = await BrowserSession.OpenAsync(ui, width: 1280);
        var page = session.Page;
        await page.GotoAsync(ui.Host.BaseAddress.ToString());
        await SignInAsync(page, "nina", "ui-checkers");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^My groups: ui-checkers") }).ClickAsync();
        await TaskItem(page, id, "Check reference").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Claim", Exact = true }).ClickAsync();

        // Act
        var reference = page.GetByRole(AriaRole.Textbox, new() { Name = "Reference", Exact = true });
        await Expect(reference).ToBeEditableAsync();
        await Expect(reference).ToHaveValueAsync("REF-1");
        await reference.FillAsync("REF-2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete task" }).ClickAsync();

        // Assert: the history records the completion with the edited value.
        await Expect(page.Locator(".detail-badges")).ToContainTextAsync("COMPLETED");
        using var client = ui.Client();
        var key = await page.EvaluateAsync<string>("location.hash.slice('#task='.length)");
        var history = await client.GetStringAsync($"/v2/user-tasks/{key}/history");
        Assert.Contains("\"reference\":\"REF-2\"", history, StringComparison.Ordinal);
        session.AssertNoConsoleErrors();
    }

    [Fact(Timeout = 120_000)]
    public async Task Keyboard_SignInAndOpenATask_WithoutAMouse()
    {
        var id = "ui-keys-" + Guid.NewGuid().ToString("N")[..8];
        await ui.DeployAsync((id + ".bpmn", UiSamples.Overdue(id, "ui-keyboard")));
        await ui.StartAsync(id);
        await using var session = await BrowserSession.OpenAsync(ui, width: 1280);
        var page = session.Page;
        await page.GotoAsync(ui.Host.BaseAddress.ToString());

        // The user id field has the focus; Tab moves to the groups, Enter signs in.
        await Expect(page.GetByLabel("User id")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("kim");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("ui-keyboard");
        await page.Keyboard.PressAsync("Enter");
        var group = page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^My groups: ui-keyboard") });
        await group.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var open = TaskItem(page, id, "Pay supplier").GetByRole(AriaRole.Button);
        await open.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pay supplier", Level = 2 })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Claim", Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Unclaim", Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Shift+Tab");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "← Back to the list" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        // Back in the list, the focus is on the task's entry again.
        await Expect(open).ToBeFocusedAsync();
        session.AssertNoConsoleErrors();
    }

    [Fact(Timeout = 120_000)]
    public async Task JwtMode_PastedToken_SignsInAsTheTokensUserAndGroups()
    {
        // Arrange: a host that requires tokens, and a token for jo of ui-jwt-team.
        using var tokens = new TestTokens();
        await using var host = await ui.StartHostAsync(tokens.Settings(("groupsClaim", "groups")));
        var token = tokens.Rsa("jo", d => d.Claims["groups"] = new[] { "ui-jwt-team" });
        // The page asks /v2/authentication/me without a token to learn that tokens are required: one 401.
        await using var session = await BrowserSession.OpenAsync(ui, width: 1280, expectedHttpErrors: 1);
        var page = session.Page;

        // Act
        await page.GotoAsync(host.BaseAddress.ToString());
        await page.GetByLabel("Bearer token").FillAsync(token);
        await session.ScreenshotAsync("09-jwt-sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // Assert: the identity comes from the token, and the API calls behind the inbox are accepted.
        await Expect(page.Locator("#current-user")).ToHaveTextAsync("jo");
        await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^My groups: ui-jwt-team") }).Locator(".count")).ToHaveTextAsync("0");
        await Expect(page.Locator(".list-status")).ToHaveTextAsync("No tasks here.");
        Assert.DoesNotContain(token, await page.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
        session.AssertNoConsoleErrors();
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);

    private static async Task SignInAsync(IPage page, string user, string groups)
    {
        await page.GetByLabel("User id").FillAsync(user);
        await page.GetByLabel("Groups (comma-separated)").FillAsync(groups);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#current-user")).ToHaveTextAsync(user);
    }

    // The list entry of a task of process `processId` (its name in the list is "Invoice {id}" / "Late payment {id}").
    private static ILocator TaskItem(IPage page, string processId, string taskName) =>
        page.Locator(".task-item").Filter(new() { HasText = processId }).Filter(new() { HasText = taskName });
}
