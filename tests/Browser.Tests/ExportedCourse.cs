using Microsoft.Playwright;
using NotebookRunner;

namespace Browser.Tests;

/// <summary>
/// The course exported to HTML once for all browser tests: every notebook in notebooks/ run in-process and written
/// with <see cref="HtmlExport"/> (as <c>course run notebooks --html</c> does), or, when <c>COURSE_HTML_DIR</c> names a
/// folder with an index.html (CI exports the course with the CLI first), that export.
/// </summary>
public sealed class ExportedCourse : IAsyncLifetime
{
    /// <summary>Debian's chromium, or <c>CHROMIUM_PATH</c>.</summary>
    public static string ChromiumPath { get; } = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    /// <summary>
    /// Null when the tests can run; otherwise why they are skipped. Only a learner's machine skips: in CI (<c>CI</c> set)
    /// a missing browser or plotly.js is a failure, not a skip, since .ci/install provides both.
    /// </summary>
    public static string? SkipReason { get; } = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")) ? null
        : !File.Exists(ChromiumPath)
            ? $"browser tests skipped: no Chromium at {ChromiumPath}. Install Debian's chromium (`apt-get install -y chromium`, or run .ci/install), or set CHROMIUM_PATH."
            : !File.Exists(Path.Combine(Paths.Root, "node_modules", "plotly.js-dist-min", "plotly.min.js"))
                ? "browser tests skipped: the local plotly.js is not installed. Run `npm ci` in the course folder (or .ci/install) to check the exported pages."
                : null;

    /// <summary>The folder with the pages.</summary>
    public string Folder { get; private set; } = "";

    /// <summary>The pages written, by file name (empty when the export came from <c>COURSE_HTML_DIR</c>).</summary>
    public IReadOnlyDictionary<string, ExportedPage> Pages { get; private set; } = new Dictionary<string, ExportedPage>();

    /// <summary>Problems met while exporting a page (its notebook failed, plotly.min.js missing), by page file name.</summary>
    public IReadOnlyDictionary<string, string> Problems { get; private set; } = new Dictionary<string, string>();

    /// <summary>How long the export took (zero when it came from <c>COURSE_HTML_DIR</c>).</summary>
    public TimeSpan ExportTime { get; private set; }

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>
    /// The headless browser, started once: Debian's chromium with the flags that keep it off the network (no
    /// component updates, no sync, no QUIC) and working as root in a container (no sandbox, no GPU).
    /// </summary>
    public async Task<IBrowser> BrowserAsync()
    {
        if (_browser is not null) return _browser;
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        return _browser;
    }

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        // The export runs even without a browser: Every_lesson_page_shows_a_picture_or_chart needs only the pages.
        if (Environment.GetEnvironmentVariable("COURSE_HTML_DIR") is { Length: > 0 } given && File.Exists(Path.Combine(given, "index.html")))
        {
            Folder = Path.GetFullPath(given);
            return;
        }
        Folder = Path.Combine(Paths.ResultsFolder, "html");
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var pages = new Dictionary<string, ExportedPage>();
        var problems = new Dictionary<string, string>();
        foreach (var notebook in Paths.NotebookNames)
        {
            var result = await NotebookExecutor.RunAsync(Path.Combine(Paths.NotebooksFolder, notebook), new RunOptions { CellTimeout = TimeSpan.FromMinutes(5) });
            var page = HtmlExport.WritePage(result, Folder, Paths.Root, withIndexLink: true, out var problem);
            if (!result.Success) problems[page.File] = $"{notebook} failed at {result.FailureMessage}";
            else if (problem is not null) problems[page.File] = problem;
            pages[page.File] = page;
        }
        HtmlExport.WriteIndex(Folder, pages.Values.ToList());
        Pages = pages;
        Problems = problems;
        ExportTime = stopwatch.Elapsed;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
