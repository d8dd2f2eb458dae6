using System.Diagnostics;
using Course.Running;
using NotebookRunner;

namespace Course.Commands;

/// <summary>
/// <c>course run &lt;notebook.ipynb&gt;</c>: builds the library and your exercises, then runs a lesson in the terminal,
/// printing its text, code and outputs. The lesson runs in the real notebook kernel in its own process, as VS Code runs
/// it, so a cell that exits or crashes fails as that cell. Exit code 0 when every cell ran, 1 when a cell failed or
/// your code does not compile, 2 for bad arguments.
/// </summary>
internal sealed class RunCommand : ICommand, IHasFlags
{
    public string Name => "run";

    public string Summary => "run a lesson in the terminal: course run notebooks/04-lambda.ipynb";

    public string[] Flags => ["no-build", "in-process"];

    /// <summary>The longest a cell may run by default (the first <c>#r "nuget: …"</c> on a fresh machine downloads).</summary>
    internal const int DefaultCellTimeoutSeconds = 300;

    public string Usage => """
        usage: course run <notebook.ipynb | folder> [--no-build] [--html <dir>] [--cell-timeout <s>] [--in-process]
          Builds the library and your exercises (dotnet build notebooks/Lessons.slnf -c Debug), then runs every
          cell of the notebook in order in the real notebook kernel (dotnet-interactive, in its own process, as
          VS Code runs it), printing text, code and outputs. Stops at the first failing cell.
          A folder (e.g. notebooks) runs every notebook in it, in name order.
          --no-build    skip the build (the assemblies the notebook loads must already be built)
          --cell-timeout <s>  stop a cell that runs longer than this (default 300, from 1 to 3600)
          --in-process  run the kernel inside this process (faster to start; a cell that exits ends the run)
          --html <dir>  also write each run notebook as a standalone HTML page in <dir> that renders offline
                        (charts load plotly.min.js from <dir>, copied from node_modules: run `npm ci` once);
                        with a folder, writes <dir>/index.html linking every lesson and prints one line per lesson
        """;

    public int Run(Args args, CommandContext context)
    {
        var noBuild = args.Flag("no-build");
        var htmlOption = args.Text("html");
        var cellTimeout = args.Long("cell-timeout", DefaultCellTimeoutSeconds);
        if (cellTimeout is < 1 or > 3600) throw new UsageException($"--cell-timeout = '{args.Text("cell-timeout")}' is not allowed: must be a whole number of seconds from 1 to 3600");
        var host = args.Flag("in-process") ? KernelHost.InProcess : KernelHost.OutOfProcess;
        args.RejectUnknown();
        var runOptions = new RunOptions { Host = host, CellTimeout = TimeSpan.FromSeconds(cellTimeout) };
        if (args.Positional.Count != 1) throw new UsageException("name one notebook, e.g. notebooks/04-lambda.ipynb");
        var path = Path.GetFullPath(Path.Combine(context.WorkingDirectory, args.Positional[0]));
        if (htmlOption is { Length: 0 }) throw new UsageException("--html needs a folder, e.g. --html out/html");
        var htmlDirectory = htmlOption is null ? null : Path.GetFullPath(Path.Combine(context.WorkingDirectory, htmlOption));
        if (Directory.Exists(path)) return RunFolder(args.Positional[0], path, noBuild, htmlDirectory, runOptions, context);
        if (!path.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase)) throw new UsageException($"'{args.Positional[0]}' is not a notebook (.ipynb) or a folder of notebooks");
        if (!File.Exists(path)) throw new UsageException($"no notebook at '{args.Positional[0]}'");

        var given = args.Positional[0];
        var text = TextFor(context, given);
        var total = Stopwatch.StartNew();
        if (!noBuild)
        {
            var root = RepositoryFolder.Find(Path.GetDirectoryName(path), context.WorkingDirectory, AppContext.BaseDirectory);
            if (root is null)
            {
                context.Error.WriteLine($"error: {args.Positional[0]} is not inside the course folder (no Course.sln above it); use --no-build to run it anyway");
                return 2;
            }
            context.Out.WriteLine(text.Faint($"building the library and your exercises ({ExerciseBuild.Project})…"));
            var build = ExerciseBuild.Run(root);
            if (!build.Success)
            {
                context.Error.WriteLine($"Your code does not compile, so the lesson cannot run. Fix these errors and run it again:");
                foreach (var e in build.Errors) context.Error.WriteLine("  " + e);
                return 1;
            }
            context.Out.WriteLine(text.Faint($"built in {build.Elapsed.TotalSeconds:0.0} s"));
            context.Out.WriteLine();
        }

        var printer = new NotebookPrinter(context.Out, text, given);
        NotebookResult result;
        try
        {
            result = NotebookExecutor.RunAsync(path, runOptions with { OnCell = printer.Print }).GetAwaiter().GetResult();
        }
        catch (KernelStartException ex)
        {
            context.Error.WriteLine("error: " + ex.Message);
            return 1;
        }
        var name = Path.GetRelativePath(context.WorkingDirectory, path);
        var exportProblem = false;
        if (htmlDirectory is not null)
        {
            var root = RepositoryFolder.Find(Path.GetDirectoryName(path), context.WorkingDirectory, AppContext.BaseDirectory);
            var page = HtmlExport.WritePage(result, htmlDirectory, root, withIndexLink: false, out var problem);
            context.Out.WriteLine(text.Faint($"wrote {Path.GetRelativePath(context.WorkingDirectory, Path.Combine(htmlDirectory, page.File))} ({page.Charts} charts, {page.Pictures} pictures)"));
            if (problem is not null) { context.Error.WriteLine("error: " + problem); exportProblem = true; }
        }
        if (result.FailedCell is { } failed)
        {
            context.Out.Flush();
            context.Error.WriteLine(text.Strong($"✘ {name} failed at cell {failed.Number} of {result.TotalCells}"));
            context.Error.WriteLine($"cell {failed.Number}: {failed.FirstLine}");
            context.Error.WriteLine(WithoutKernelFrames(failed.Error));
            return 1;
        }
        var code = result.Cells.Count(c => c.Kind == CellKind.Code);
        context.Out.WriteLine(text.Strong($"✔ {name}: {result.TotalCells} cells ({code} code) ran in {total.Elapsed.TotalSeconds:0.0} s"));
        return exportProblem ? 1 : 0;
    }

    /// <summary>
    /// Runs every notebook in a folder, in name order. With <c>--html</c> it prints one line per lesson and writes the
    /// pages and an index; without it, it prints every lesson in full.
    /// </summary>
    private static int RunFolder(string given, string folder, bool noBuild, string? htmlDirectory, RunOptions runOptions, CommandContext context)
    {
        var notebooks = Directory.GetFiles(folder, "*.ipynb").Order(StringComparer.Ordinal).ToList();
        if (notebooks.Count == 0) throw new UsageException($"no notebooks (.ipynb) in '{given}'");
        var text = TextFor(context, null);
        var total = Stopwatch.StartNew();
        var root = RepositoryFolder.Find(folder, context.WorkingDirectory, AppContext.BaseDirectory);
        if (!noBuild)
        {
            if (root is null)
            {
                context.Error.WriteLine($"error: {given} is not inside the course folder (no Course.sln above it); use --no-build to run it anyway");
                return 2;
            }
            context.Out.WriteLine(text.Faint($"building the library and your exercises ({ExerciseBuild.Project})…"));
            var build = ExerciseBuild.Run(root);
            if (!build.Success)
            {
                context.Error.WriteLine("Your code does not compile, so the lessons cannot run. Fix these errors and run it again:");
                foreach (var e in build.Errors) context.Error.WriteLine("  " + e);
                return 1;
            }
        }

        var pages = new List<ExportedPage>();
        var failures = 0;
        string? plotlyProblem = null;
        foreach (var path in notebooks)
        {
            var name = Path.GetRelativePath(context.WorkingDirectory, path);
            var printer = new NotebookPrinter(context.Out, TextFor(context, name), name);
            var options = htmlDirectory is null ? runOptions with { OnCell = printer.Print } : runOptions;
            NotebookResult result;
            try
            {
                result = NotebookExecutor.RunAsync(path, options).GetAwaiter().GetResult();
            }
            catch (KernelStartException ex)
            {
                context.Error.WriteLine("error: " + ex.Message);
                return 1;
            }
            var line = result.Success
                ? $"✔ {name}: {result.TotalCells} cells in {result.Elapsed.TotalSeconds:0.0} s"
                : $"✘ {name} failed at cell {result.FailedCell!.Number}: {result.FailedCell.FirstLine}";
            if (htmlDirectory is not null)
            {
                var page = HtmlExport.WritePage(result, htmlDirectory, root, withIndexLink: true, out var problem);
                pages.Add(page);
                plotlyProblem ??= problem;
                line += $" → {page.File} ({page.Charts} charts, {page.Pictures} pictures)";
            }
            if (!result.Success)
            {
                failures++;
                context.Error.WriteLine(text.Strong(line));
                context.Error.WriteLine(WithoutKernelFrames(result.FailedCell!.Error));
            }
            else
            {
                context.Out.WriteLine(text.Strong(line));
            }
        }
        if (htmlDirectory is not null)
        {
            var index = HtmlExport.WriteIndex(htmlDirectory, pages);
            context.Out.WriteLine($"wrote {Path.GetRelativePath(context.WorkingDirectory, index)}: {pages.Count} lessons");
        }
        if (plotlyProblem is not null) context.Error.WriteLine("error: " + plotlyProblem);
        context.Out.WriteLine($"{notebooks.Count - failures} of {notebooks.Count} notebooks ran in {total.Elapsed.TotalSeconds:0.0} s");
        return failures > 0 || plotlyProblem is not null ? 1 : 0;
    }

    /// <summary>The error without the stack frames of the kernel's own machinery (they never help a learner).</summary>
    private static string? WithoutKernelFrames(string? error)
        => error is null ? null : string.Join('\n', error.Split('\n').Where(l =>
            !l.Contains("Microsoft.CodeAnalysis.Scripting", StringComparison.Ordinal) &&
            !l.Contains("Microsoft.DotNet.Interactive", StringComparison.Ordinal) &&
            !l.TrimStart().StartsWith("--- End of stack trace", StringComparison.Ordinal)));

    /// <summary>
    /// How to render a lesson in this terminal: its width (80 columns when not a terminal), colour, and the command
    /// that shows the lesson's pictures drawn (its HTML page), named under each picture and chart.
    /// </summary>
    private static TerminalText TextFor(CommandContext context, string? notebook)
    {
        var width = 80;
        if (ReferenceEquals(context.Out, Console.Out) && !Console.IsOutputRedirected)
        {
            try { width = Console.WindowWidth > 0 ? Console.WindowWidth : 80; } catch (IOException) { }
        }
        var page = notebook is null ? null : Path.GetFileNameWithoutExtension(notebook) + ".html";
        return new TerminalText(UseColor(context), width, notebook is null ? null : $"course run {notebook} --html out/html, then open out/html/{page}");
    }

    /// <summary>ANSI styles only on a real terminal, and never with NO_COLOR set.</summary>
    private static bool UseColor(CommandContext context)
        => ReferenceEquals(context.Out, Console.Out) && !Console.IsOutputRedirected
           && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
}
