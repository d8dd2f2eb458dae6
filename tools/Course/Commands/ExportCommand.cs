using Course.Running;
using NotebookRunner;

namespace Course.Commands;

/// <summary>
/// <c>course export &lt;notebook.ipynb | folder&gt; --to cs [--out &lt;dir&gt;]</c>: writes lessons as .NET 10 file-based
/// apps that run with <c>dotnet run lesson.cs</c>, with no notebook tooling at all.
/// </summary>
internal sealed class ExportCommand : ICommand
{
    public string Name => "export";

    public string Summary => "write a lesson as a plain C# file: course export notebooks/04-lambda.ipynb --to cs";

    public string Usage => """
        usage: course export <notebook.ipynb | folder> --to cs [--out <dir>]
          Writes each lesson as a .NET 10 file-based app, <dir>/<lesson>.cs (default <dir>: out/cs in the course folder),
          that references the library with #:project and runs with `dotnet run <dir>/<lesson>.cs`: markdown becomes
          comments, code cells run in order, display(...) and HTML(...) print text. A folder exports every notebook in it.
          (For HTML pages use `course run <notebook> --html <dir>`.)
        """;

    public int Run(Args args, CommandContext context)
    {
        var to = args.Text("to");
        var outOption = args.Text("out");
        args.RejectUnknown();
        if (args.Positional.Count != 1) throw new UsageException("name one notebook or a folder of notebooks, e.g. notebooks/04-lambda.ipynb");
        if (to is null) throw new UsageException("--to is required: --to cs");
        if (to != "cs") throw new UsageException($"--to = '{to}' is not allowed: only cs (for HTML use `course run <notebook> --html <dir>`)");
        var path = Path.GetFullPath(Path.Combine(context.WorkingDirectory, args.Positional[0]));
        List<string> notebooks;
        if (Directory.Exists(path))
        {
            notebooks = Directory.GetFiles(path, "*.ipynb").Order(StringComparer.Ordinal).ToList();
            if (notebooks.Count == 0) throw new UsageException($"no notebooks (.ipynb) in '{args.Positional[0]}'");
        }
        else
        {
            if (!path.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase)) throw new UsageException($"'{args.Positional[0]}' is not a notebook (.ipynb) or a folder of notebooks");
            if (!File.Exists(path)) throw new UsageException($"no notebook at '{args.Positional[0]}'");
            notebooks = [path];
        }
        var root = RepositoryFolder.Find(Path.GetDirectoryName(notebooks[0]), context.WorkingDirectory, AppContext.BaseDirectory);
        if (root is null)
        {
            context.Error.WriteLine($"error: {args.Positional[0]} is not inside the course folder (no Course.sln above it): the exported file must reference lib/AwsSim");
            return 2;
        }
        var outDirectory = outOption is null ? Path.Combine(root, "out", "cs") : Path.GetFullPath(Path.Combine(context.WorkingDirectory, outOption));
        if (File.Exists(outDirectory)) throw new UsageException($"--out = '{outOption}' is not allowed: it is a file; give a folder (it is created if missing)");
        // Every notebook is checked before anything is written, so a bad one leaves no half-exported folder.
        foreach (var notebook in notebooks)
        {
            try { NotebookFile.Load(notebook); }
            catch (NotebookFormatException e) { throw new UsageException(e.Message); }
        }
        foreach (var notebook in notebooks)
        {
            var file = CsExport.Write(notebook, outDirectory, root);
            var shown = Path.GetRelativePath(context.WorkingDirectory, file);
            context.Out.WriteLine($"wrote {shown}   run it: dotnet run {shown}");
        }
        return 0;
    }
}
