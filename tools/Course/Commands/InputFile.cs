using System.Text;

namespace Course.Commands;

/// <summary>
/// Reads a file a user named, safely: the size is capped before anything is read (so <c>/dev/zero</c> or a 50 MB file
/// is refused, not loaded), a folder or a missing file is reported, and text must be UTF-8. Every refusal is one line
/// that names the file, what it is, and what is allowed.
/// </summary>
internal static class InputFile
{
    /// <summary>The file's bytes, at most <paramref name="maxBytes"/> of them.</summary>
    /// <param name="given">The path as the user typed it (named in errors).</param>
    /// <param name="workingDirectory">What a relative path is relative to.</param>
    /// <param name="maxBytes">The most it may hold.</param>
    /// <param name="limitReason">Why that is the limit, e.g. "Lambda's 6 MB synchronous payload limit".</param>
    /// <exception cref="UsageException">The file cannot be read, or is too large.</exception>
    public static byte[] ReadBytes(string given, string workingDirectory, long maxBytes, string limitReason)
    {
        var path = Path.GetFullPath(Path.Combine(workingDirectory, given));
        if (Directory.Exists(path)) throw new UsageException($"'{given}' is a folder: give a file");
        if (!File.Exists(path)) throw new UsageException($"'{given}': no such file");
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 81920, FileOptions.SequentialScan);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            // Read one byte past the limit to know it was passed, whatever the file claims its length is (devices claim 0).
            while ((read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, maxBytes + 1 - buffer.Length))) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > maxBytes) throw new UsageException($"'{given}' is larger than {maxBytes:#,0} bytes, {limitReason}");
            }
            return buffer.ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"'{given}' cannot be read: {e.Message}");
        }
    }

    /// <summary>The file as UTF-8 text (a byte-order mark dropped), at most <paramref name="maxBytes"/> bytes.</summary>
    /// <exception cref="UsageException">The file cannot be read, is too large, or is not UTF-8.</exception>
    public static string ReadText(string given, string workingDirectory, long maxBytes, string limitReason)
    {
        var bytes = ReadBytes(given, workingDirectory, maxBytes, limitReason);
        try
        {
            var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException e)
        {
            throw new UsageException($"'{given}' is not UTF-8 text (byte {e.Index} is not valid UTF-8): save it as UTF-8");
        }
    }
}
