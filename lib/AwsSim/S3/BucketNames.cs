using System.Net;

namespace AwsSim.S3;

/// <summary>
/// S3's naming rules for general purpose buckets (S3 User Guide, "General purpose bucket naming rules"; checked
/// 2026-11 via docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).
/// </summary>
public static class BucketNames
{
    private static readonly string[] s_reservedPrefixes = ["xn--", "sthree-", "amzn-s3-demo-"];
    private static readonly string[] s_reservedSuffixes = ["-s3alias", "--ol-s3", ".mrap", "--x-s3"];

    /// <summary>Why <paramref name="name"/> is not a valid bucket name, or null when it is.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "a bucket name is required";
        if (name.Length is < 3 or > 63) return "must be between 3 and 63 characters long";
        if (!name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-'))
            return "may contain only lowercase letters, numbers, dots (.) and hyphens (-)";
        if (!char.IsAsciiLetterOrDigit(name[0]) || !char.IsAsciiLetterOrDigit(name[^1])) return "must begin and end with a letter or number";
        if (name.Contains("..", StringComparison.Ordinal)) return "must not contain two adjacent periods";
        if (name.Count(c => c == '.') == 3 && IPAddress.TryParse(name, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            return "must not be formatted as an IP address";
        foreach (var p in s_reservedPrefixes) if (name.StartsWith(p, StringComparison.Ordinal)) return $"must not start with the reserved prefix {p}";
        foreach (var s in s_reservedSuffixes) if (name.EndsWith(s, StringComparison.Ordinal)) return $"must not end with the reserved suffix {s}";
        return null;
    }

    /// <summary>Throws S3's <c>InvalidBucketName</c> when <paramref name="name"/> breaks a rule.</summary>
    public static string Validate(string? name)
    {
        var problem = Problem(name);
        if (problem is not null) throw new AwsValidationException("Bucket", name, problem, "InvalidBucketName");
        return name!;
    }
}
