using System.Globalization;
using System.Net;
using System.Text;

namespace AwsSim.Ecr;

/// <summary>
/// Draws a repository as SVG: tags (left) point at image manifests (middle, named by digest), which point at the
/// content-addressed blobs they use (right); a blob shared by several images is drawn once. Untagged images and images a
/// lifecycle preview would expire are marked.
/// </summary>
internal static class EcrPicture
{
    /// <summary>The repository as an SVG document; <paramref name="expiring"/> marks images a lifecycle policy would expire.</summary>
    public static string Svg(EcrRepository repository, IEnumerable<LifecycleExpiration>? expiring = null)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var doomed = (expiring ?? []).Select(e => e.ImageDigest).ToHashSet(StringComparer.Ordinal);
        var images = repository.Images;
        var blobs = images.SelectMany(EcrRepository.Referenced).Distinct(StringComparer.Ordinal).ToList();
        const int rowH = 26;
        var height = 40 + Math.Max(images.Count, blobs.Count) * rowH + 10;
        var sb = new StringBuilder();
        sb.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"760\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"11\" style=\"background:#fff\">"));
        sb.Append(Inv($"<text x=\"8\" y=\"16\" font-size=\"13\" font-weight=\"bold\">{Esc(repository.RepositoryUri)} ({repository.ImageTagMutability})</text>"));
        sb.Append("<text x=\"8\" y=\"32\" fill=\"#555\">tags</text><text x=\"170\" y=\"32\" fill=\"#555\">image manifests (digest = sha256 of the manifest)</text><text x=\"520\" y=\"32\" fill=\"#555\">blobs (config, layers)</text>");
        var blobY = blobs.Select((d, k) => (d, y: 40 + k * rowH)).ToDictionary(x => x.d, x => x.y, StringComparer.Ordinal);
        for (var k = 0; k < images.Count; k++)
        {
            var img = images[k];
            var y = 40 + k * rowH;
            var fill = doomed.Contains(img.ImageDigest) ? "#fde0dd" : img.ImageTags.Count == 0 ? "#eeeeee" : "#fff2d9";
            var tags = img.ImageTags.Count == 0 ? "(untagged)" : string.Join(", ", img.ImageTags);
            sb.Append(Inv($"<text x=\"8\" y=\"{y + 15}\" fill=\"{(img.ImageTags.Count == 0 ? "#888" : "#232f3e")}\">{Esc(Short(tags, 24))}</text>"));
            sb.Append(Inv($"<line x1=\"150\" y1=\"{y + 11}\" x2=\"170\" y2=\"{y + 11}\" stroke=\"#232f3e\"/>"));
            sb.Append(Inv($"<rect x=\"170\" y=\"{y}\" width=\"290\" height=\"{rowH - 6}\" rx=\"3\" fill=\"{fill}\" stroke=\"#232f3e\"><title>{Esc(img.ToString())}</title></rect>"));
            sb.Append(Inv($"<text x=\"176\" y=\"{y + 14}\">{Esc(img.ImageDigest[..23])}…  {img.ImagePushedAt:MM-dd HH:mm}{(doomed.Contains(img.ImageDigest) ? "  EXPIRES" : "")}</text>"));
            foreach (var d in EcrRepository.Referenced(img))
            {
                sb.Append(Inv($"<line x1=\"460\" y1=\"{y + 10}\" x2=\"520\" y2=\"{blobY[d] + 10}\" stroke=\"#999\" stroke-width=\"0.8\"/>"));
            }
        }
        foreach (var (d, y) in blobY)
        {
            var size = repository._blobs.TryGetValue(d, out var b) ? b.LongLength : 0;
            sb.Append(Inv($"<rect x=\"520\" y=\"{y}\" width=\"230\" height=\"{rowH - 6}\" rx=\"3\" fill=\"#e8f1fb\" stroke=\"#1f77b4\"/>"));
            sb.Append(Inv($"<text x=\"526\" y=\"{y + 14}\">{Esc(d[..19])}…  {size:#,0} B</text>"));
        }
        return sb.Append("</svg>").ToString();
    }

    private static string Short(string s, int n) => s.Length <= n ? s : s[..(n - 1)] + "…";

    private static string Esc(string s) => WebUtility.HtmlEncode(s);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
