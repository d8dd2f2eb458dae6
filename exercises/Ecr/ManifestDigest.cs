namespace Exercises.Ecr;

/// <summary>Exercise <c>ecr.digest</c>: compute an image digest the way ECR does.</summary>
public static class ManifestDigest
{
    /// <summary>
    /// Return the image digest ECR gives an image whose manifest is exactly <paramref name="manifestJson"/>: the text
    /// <c>sha256:</c> followed by the SHA-256 hash of the manifest's UTF-8 bytes, as 64 lower-case hex digits.
    /// </summary>
    /// <remarks>
    /// Hash the bytes exactly as given (no re-formatting, no byte-order mark): one extra space gives a different image.
    /// .NET has <c>System.Security.Cryptography.SHA256.HashData(bytes)</c>, <c>System.Text.Encoding.UTF8.GetBytes(text)</c>
    /// and <c>Convert.ToHexStringLower(bytes)</c>. You can check an answer with <c>course ecr digest file.json</c> or
    /// <c>sha256sum file.json</c>.
    /// </remarks>
    public static string Of(string manifestJson)
    {
        throw new NotImplementedException();
    }
}
