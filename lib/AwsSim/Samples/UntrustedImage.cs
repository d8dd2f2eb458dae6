using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Memory;

namespace AwsSim.Samples;

/// <summary>Limits for decoding an image a stranger uploaded.</summary>
/// <param name="MaxPixels">Largest width × height accepted (checked from the header, before decoding).</param>
/// <param name="MaxSide">Largest width or height.</param>
/// <param name="MaxBytes">Largest file accepted.</param>
/// <param name="AllocationLimitMegabytes">The decoder's memory cap (ImageSharp's <c>MemoryAllocatorOptions.AllocationLimitMegabytes</c>): a second line of defence if a header lies.</param>
public sealed record ImageLimits(long MaxPixels = 40_000_000, int MaxSide = 12_000, long MaxBytes = 50L * 1024 * 1024, int AllocationLimitMegabytes = 256)
{
    /// <summary>The defaults: 40 megapixels, 12,000 px a side, 50 MB files, 256 MB for the decoder.</summary>
    public static ImageLimits Default { get; } = new();
}

/// <summary>Why an image was refused.</summary>
public enum ImageProblem
{
    /// <summary>No bytes.</summary>
    Empty,

    /// <summary>Not an image format ImageSharp knows.</summary>
    NotAnImage,

    /// <summary>An image, but not PNG or JPEG.</summary>
    UnsupportedFormat,

    /// <summary>Too many pixels, too wide or high, or too many bytes.</summary>
    TooLarge,

    /// <summary>The file stops before the end of the image.</summary>
    Truncated,

    /// <summary>The data is damaged (bad header, bad checksum, undecodable).</summary>
    Corrupt,
}

/// <summary>A refused image: the function fails, so Lambda retries it and then dead-letters it.</summary>
public sealed class ImageRejectedException(ImageProblem problem, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>What was wrong.</summary>
    public ImageProblem Problem { get; } = problem;
}

/// <summary>An image that passed the checks, decoded.</summary>
/// <param name="Image">The pixels (dispose it).</param>
/// <param name="Format">PNG or JPEG.</param>
public sealed record CheckedImage(Image Image, IImageFormat Format) : IDisposable
{
    /// <inheritdoc />
    public void Dispose() => Image.Dispose();
}

/// <summary>
/// Opens images from untrusted uploads safely with ImageSharp 2.1.13:
/// <list type="number">
/// <item>size of the file first;</item>
/// <item><c>Image.Identify</c> (header only) on a cloned <c>Configuration</c> whose memory allocator has an
/// allocation limit, then width, height and pixel count checked <b>before</b> any pixel is decoded (a 100-byte PNG can
/// claim 10000×10000 = 400 MB of RGBA: a decompression bomb);</item>
/// <item>an integrity check, because ImageSharp 2.1.13 decodes a truncated PNG <b>without any exception</b> (missing
/// rows come out black): for PNG every chunk must be complete with a correct CRC-32 and the last chunk must be
/// <c>IEND</c>; for JPEG an end-of-image marker (FF D9) must follow the last start-of-scan (FF DA) — entropy-coded
/// data never contains FF D9, so this finds cut-off scans;</item>
/// <item>decoding with the same capped configuration, turning ImageSharp's <c>ImageFormatException</c> (base of
/// <c>InvalidImageContentException</c> and <c>UnknownImageFormatException</c>) and <c>InvalidMemoryOperationException</c>
/// into an <see cref="ImageRejectedException"/>.</item>
/// </list>
/// </summary>
public static class UntrustedImage
{
    /// <summary>Checks and decodes <paramref name="data"/>, or throws <see cref="ImageRejectedException"/>.</summary>
    public static CheckedImage Open(byte[] data, ImageLimits? limits = null)
    {
        var l = limits ?? ImageLimits.Default;
        var (format, _, _) = Inspect(data, l);
        var config = SafeConfiguration(l);
        try
        {
            using var stream = new MemoryStream(data, writable: false);
            var image = Image.Load(config, stream);
            return new CheckedImage(image, format);
        }
        catch (UnknownImageFormatException ex) { throw new ImageRejectedException(ImageProblem.NotAnImage, "not an image: " + ex.Message, ex); }
        catch (ImageFormatException ex) { throw new ImageRejectedException(ImageProblem.Corrupt, "the image cannot be decoded: " + ex.Message, ex); }
        catch (InvalidMemoryOperationException ex) { throw new ImageRejectedException(ImageProblem.TooLarge, "the image needs more memory than allowed: " + ex.Message, ex); }
    }

    /// <summary>
    /// Everything but the decoding: size, header (format, width, height) and integrity. Returns the format and
    /// dimensions, or throws <see cref="ImageRejectedException"/>.
    /// </summary>
    public static (IImageFormat Format, int Width, int Height) Inspect(byte[] data, ImageLimits? limits = null)
    {
        var l = limits ?? ImageLimits.Default;
        if (data.Length == 0) throw new ImageRejectedException(ImageProblem.Empty, "the object is empty");
        if (data.LongLength > l.MaxBytes) throw new ImageRejectedException(ImageProblem.TooLarge, $"{data.LongLength:N0} bytes is more than the {l.MaxBytes:N0} allowed");
        IImageInfo? info;
        IImageFormat? format;
        try
        {
            using var stream = new MemoryStream(data, writable: false);
            info = Image.Identify(SafeConfiguration(l), stream, out format);
        }
        catch (UnknownImageFormatException ex) { throw new ImageRejectedException(ImageProblem.NotAnImage, "not an image: " + ex.Message, ex); }
        catch (ImageFormatException ex) { throw new ImageRejectedException(ImageProblem.Corrupt, "the image header is damaged: " + ex.Message, ex); }
        catch (InvalidMemoryOperationException ex) { throw new ImageRejectedException(ImageProblem.TooLarge, ex.Message, ex); }
        if (info is null || format is null) throw new ImageRejectedException(ImageProblem.NotAnImage, "not an image ImageSharp recognises");
        if (format is not PngFormat and not JpegFormat) throw new ImageRejectedException(ImageProblem.UnsupportedFormat, $"{format.Name} images are not accepted: PNG or JPEG only");
        if (info.Width <= 0 || info.Height <= 0) throw new ImageRejectedException(ImageProblem.Corrupt, $"the header says {info.Width}×{info.Height}");
        if (info.Width > l.MaxSide || info.Height > l.MaxSide || (long)info.Width * info.Height > l.MaxPixels)
        {
            throw new ImageRejectedException(ImageProblem.TooLarge,
                $"{info.Width}×{info.Height} = {(long)info.Width * info.Height:N0} pixels is more than allowed ({l.MaxPixels:N0} pixels, {l.MaxSide:N0} a side)");
        }
        if (format is PngFormat) CheckPng(data);
        else CheckJpeg(data);
        return (format, info.Width, info.Height);
    }

    /// <summary>A copy of ImageSharp's default configuration whose allocator refuses more than the limit.</summary>
    public static Configuration SafeConfiguration(ImageLimits limits)
    {
        var config = Configuration.Default.Clone();
        config.MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions { AllocationLimitMegabytes = limits.AllocationLimitMegabytes });
        return config;
    }

    /// <summary>Walks the PNG's chunks: each complete, each CRC-32 right, the last one IEND.</summary>
    public static void CheckPng(byte[] data)
    {
        ReadOnlySpan<byte> signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (data.Length < 8 || !data.AsSpan(0, 8).SequenceEqual(signature)) throw new ImageRejectedException(ImageProblem.Corrupt, "not a PNG signature");
        var pos = 8;
        while (true)
        {
            if (pos + 12 > data.Length) throw new ImageRejectedException(ImageProblem.Truncated, $"the PNG stops at byte {data.Length:N0}, inside a chunk header, before IEND");
            var length = (uint)(data[pos] << 24 | data[pos + 1] << 16 | data[pos + 2] << 8 | data[pos + 3]);
            var type = System.Text.Encoding.ASCII.GetString(data, pos + 4, 4);
            if (length > int.MaxValue || pos + 12L + length > data.Length)
                throw new ImageRejectedException(ImageProblem.Truncated, $"the PNG stops at byte {data.Length:N0}, inside its {type} chunk, before IEND");
            var crcStored = (uint)(data[pos + 8 + length] << 24 | data[pos + 9 + length] << 16 | data[pos + 10 + length] << 8 | data[pos + 11 + length]);
            if (Crc32(data.AsSpan(pos + 4, 4 + (int)length)) != crcStored)
                throw new ImageRejectedException(ImageProblem.Corrupt, $"the PNG's {type} chunk at byte {pos:N0} has a wrong CRC");
            pos += 12 + (int)length;
            if (type == "IEND") return;
        }
    }

    /// <summary>Checks that an end-of-image marker follows the JPEG's last start-of-scan.</summary>
    public static void CheckJpeg(byte[] data)
    {
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8) throw new ImageRejectedException(ImageProblem.Corrupt, "not a JPEG start-of-image marker");
        var lastSos = -1;
        for (var i = data.Length - 2; i >= 2; i--)
        {
            if (data[i] == 0xFF && data[i + 1] == 0xDA) { lastSos = i; break; }
        }
        if (lastSos < 0) throw new ImageRejectedException(ImageProblem.Truncated, "the JPEG has no image data (no start-of-scan)");
        for (var i = lastSos + 2; i < data.Length - 1; i++)
        {
            if (data[i] == 0xFF && data[i + 1] == 0xD9) return;
        }
        throw new ImageRejectedException(ImageProblem.Truncated, $"the JPEG stops at byte {data.Length:N0} without its end-of-image marker");
    }

    private static readonly uint[] s_crcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    /// <summary>The CRC-32 PNG chunks use (ISO 3309, polynomial 0xEDB88320).</summary>
    public static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in bytes) c = s_crcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        return c ^ 0xFFFFFFFFu;
    }
}
