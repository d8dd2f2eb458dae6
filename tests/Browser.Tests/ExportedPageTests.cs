using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NotebookRunner;

namespace Browser.Tests;

/// <summary>
/// Each exported page, opened over file:// in headless Chromium, renders with nothing from the network: no console
/// error, no failed request, every chart drawn (a plotly SVG with traces), every picture visible with a real size.
/// </summary>
public sealed partial class ExportedPageTests(ExportedCourse course) : IClassFixture<ExportedCourse>
{
    [Theory]
    [MemberData(nameof(Paths.Pages), MemberType = typeof(Paths))]
    public async Task Renders_offline_with_every_chart_and_picture(string file)
    {
        if (ExportedCourse.SkipReason is { } reason) Assert.Skip(reason);
        Assert.False(course.Problems.TryGetValue(file, out var problem), problem);
        var path = Path.Combine(course.Folder, file);
        Assert.True(File.Exists(path), $"{file} was not exported to {course.Folder}");
        var html = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        var expectedCharts = HtmlExport.ChartCount(html);

        var browser = await course.BrowserAsync();
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 800 } });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") problems.Add($"console error: {m.Text}"); };
        page.PageError += (_, e) => problems.Add($"script error: {e}");
        page.RequestFailed += (_, r) => problems.Add($"failed request: {r.Url} ({r.Failure})");
        page.Request += (_, r) => { if (!r.Url.StartsWith("file:", StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal)) problems.Add($"network request: {r.Url}"); };

        await page.GotoAsync(new Uri(path).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        if (expectedCharts > 0)
        {
            await page.WaitForFunctionAsync(
                $"() => document.querySelectorAll('.js-plotly-plot .main-svg').length > 0 && document.querySelectorAll('.js-plotly-plot').length >= {expectedCharts}",
                null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        }

        // Every chart: a plotly plot with its SVG and at least one trace.
        var traces = await page.EvaluateAsync<int[]>(
            "() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(p => p.querySelector('.main-svg') ? p.querySelectorAll('g.trace').length : -1)");
        Assert.Equal(expectedCharts, traces.Length);
        for (var i = 0; i < traces.Length; i++) Assert.True(traces[i] > 0, $"{file}: chart {i + 1} has {(traces[i] < 0 ? "no SVG" : "no traces")}");

        // Every picture (inline SVG or img, not the charts' own SVGs): visible, with a non-zero box, images decoded.
        var pictures = await page.EvaluateAsync<JsonElement>("""
            () => Array.from(document.querySelectorAll('svg, img'))
                // plotly adds an off-screen SVG of its own (js-plotly-tester) to measure text: not a picture of the lesson.
                .filter(e => !e.closest('.js-plotly-plot, [id^="js-plotly"]') && !(e.parentElement && e.parentElement.closest('svg')))
                .map(e => {
                    const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
                    return { what: e.tagName.toLowerCase() + ' ' + (e.getAttribute('alt') || e.getAttribute('aria-label') || (e.querySelector && e.querySelector('title') ? e.querySelector('title').textContent : '') || ''),
                             width: r.width, height: r.height,
                             visible: s.display !== 'none' && s.visibility !== 'hidden' && Number(s.opacity) > 0,
                             loaded: e.tagName.toLowerCase() !== 'img' || (e.complete && e.naturalWidth > 0) };
                })
            """);
        var list = pictures.EnumerateArray().ToList();
        Assert.Equal(HtmlExport.PictureCount(html), list.Count);
        foreach (var p in list)
        {
            var what = p.GetProperty("what").GetString();
            Assert.True(p.GetProperty("visible").GetBoolean(), $"{file}: picture '{what}' is hidden");
            Assert.True(p.GetProperty("loaded").GetBoolean(), $"{file}: image '{what}' did not load");
            Assert.True(p.GetProperty("width").GetDouble() > 0 && p.GetProperty("height").GetDouble() > 0,
                $"{file}: picture '{what}' has an empty box ({p.GetProperty("width")}×{p.GetProperty("height")})");
        }

        // Lessons link back to the index; the index links to every lesson, and each link resolves.
        var links = await page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))");
        foreach (var link in links.Where(l => !l.Contains("://", StringComparison.Ordinal) && !l.StartsWith('#')))
        {
            Assert.True(File.Exists(Path.Combine(course.Folder, Uri.UnescapeDataString(link.Split('#')[0]))), $"{file}: link to {link} does not resolve");
        }
        if (file == "index.html") Assert.Equal(Paths.NotebookNames.Count, links.Count(l => LessonPage().IsMatch(l)));

        Directory.CreateDirectory(Path.Combine(Paths.ResultsFolder, "screenshots"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Paths.ResultsFolder, "screenshots", Path.ChangeExtension(file, ".png")), FullPage = true });
        Assert.True(problems.Count == 0, $"{file}:\n" + string.Join('\n', problems));
    }

    /// <summary>Issue 9: every lesson has at least one picture or chart, counted in what the run really shows.</summary>
    [Theory]
    [MemberData(nameof(Paths.Lessons), MemberType = typeof(Paths))]
    public async Task Every_lesson_page_shows_a_picture_or_chart(string file)
    {
        var path = Path.Combine(course.Folder, file);
        Assert.True(File.Exists(path), $"{file} was not exported to {course.Folder}");
        var html = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        Assert.True(HtmlExport.ChartCount(html) + HtmlExport.PictureCount(html) > 0,
            $"{file}: the lesson shows no picture (SVG, image) and no chart; every lesson needs at least one");
    }

    [GeneratedRegex(@"^\d\d-[\w-]+\.html$")]
    private static partial Regex LessonPage();
}
