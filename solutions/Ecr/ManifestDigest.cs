using System.Security.Cryptography;
using System.Text;

namespace Exercises.Ecr;

/// <summary>Exercise <c>ecr.digest</c>: compute an image digest the way ECR does.</summary>
public static class ManifestDigest
{
    /// <summary>Reference answer.</summary>
    public static string Of(string manifestJson) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifestJson)));
}
