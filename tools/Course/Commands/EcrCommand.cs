using AwsSim.Ecr;

namespace Course.Commands;

/// <summary><c>course ecr digest &lt;manifest.json&gt;</c>: the image digest ECR would give that manifest (sha256 of the file's exact bytes).</summary>
internal sealed class EcrCommand : ICommand
{
    public string Name => "ecr";

    public string Summary => "ECR helpers: course ecr digest <manifest.json> prints the image digest (sha256:<hex> of the file's bytes)";

    public string Usage => "usage: course ecr digest <manifest.json>\n  prints sha256:<64 hex> of the file's exact bytes, the digest ECR gives an image with that manifest";

    public int Run(Args args, CommandContext context)
    {
        args.RejectUnknown();
        if (args.Positional.Count == 0 || args.Positional[0] != "digest") throw new UsageException("the only subcommand is: digest <manifest.json>");
        if (args.Positional.Count != 2) throw new UsageException("name one manifest file: course ecr digest <manifest.json>");
        // ECR refuses a manifest over 4 MiB, so a larger file (or /dev/zero) is refused before it is read whole.
        var bytes = InputFile.ReadBytes(args.Positional[1], context.WorkingDirectory, 4_194_304, "ECR's largest image manifest (4 MiB)");
        context.Out.WriteLine(OciManifest.Digest(bytes));
        return 0;
    }
}
