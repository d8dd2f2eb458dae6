using System.IO.Compression;
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
/// <param name="MaxMetadataBytes">
/// The most a PNG's compressed text and profile chunks (zTXt, iTXt, iCCP) may inflate to, all together. ImageSharp
/// 2.1.13 inflates them with no limit of its own, so a 300 KB file can claim 300 MB of "text".
/// </param>
public sealed record ImageLimits(long MaxPixels = 40_000_000, int MaxSide = 12_000, long MaxBytes = 50L * 1024 * 1024, int AllocationLimitMegabytes = 256, long MaxMetadataBytes = 1024 * 1024)
{
    /// <summary>The defaults: 40 megapixels, 12,000 px a side, 50 MB files, 256 MB for the decoder, 1 MB of PNG metadata.</summary>
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
/// <c>IEND</c>; the pixel data (IDAT) must inflate to exactly the bytes the header's size, colour type and bit depth
/// call for (valid CRCs around too little data still leave rows missing); compressed text and profile chunks must
/// inflate to at most <see cref="ImageLimits.MaxMetadataBytes"/> (counted, never kept); for JPEG an end-of-image
/// marker (FF D9) must follow the last start-of-scan (FF DA) — entropy-coded data never contains FF D9, so this finds
/// cut-off scans;</item>
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
        catch (InvalidDataException ex) { throw new ImageRejectedException(ImageProblem.Corrupt, "the image's compressed data is damaged: " + ex.Message, ex); }
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
        // A PNG is walked by the course's own bounded code first: ImageSharp's Identify already inflates text chunks.
        var png = data.Length >= 8 && data.AsSpan(0, 8).SequenceEqual(PngSignature);
        if (png) CheckPng(data, l);
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
        if (format is JpegFormat) CheckJpeg(data);
        return (format, info.Width, info.Height);
    }

    /// <summary>A copy of ImageSharp's default configuration whose allocator refuses more than the limit.</summary>
    public static Configuration SafeConfiguration(ImageLimits limits)
    {
        var config = Configuration.Default.Clone();
        config.MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions { AllocationLimitMegabytes = limits.AllocationLimitMegabytes });
        return config;
    }

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// Walks the PNG's chunks: each complete, each CRC-32 right, the last one IEND; the pixel data exactly as long as the
    /// header calls for; compressed metadata within <see cref="ImageLimits.MaxMetadataBytes"/>.
    /// </summary>
    public static void CheckPng(byte[] data, ImageLimits? limits = null)
    {
        var l = limits ?? ImageLimits.Default;
        if (data.Length < 8 || !data.AsSpan(0, 8).SequenceEqual(PngSignature)) throw new ImageRejectedException(ImageProblem.Corrupt, "not a PNG signature");
        var pos = 8;
        var idat = new List<(int Offset, int Length)>();
        long metadata = 0;
        (int Width, int Height, int BitDepth, int ColorType, bool Interlaced)? header = null;
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
            var body = data.AsSpan(pos + 8, (int)length);
            switch (type)
            {
                case "IHDR" when length >= 13:
                    var (w, hh) = (ReadUInt32(body), ReadUInt32(body[4..]));
                    // The size is checked before a byte of pixel data is inflated (a 100-byte PNG can claim 400 MB).
                    if (w == 0 || hh == 0) throw new ImageRejectedException(ImageProblem.Corrupt, $"the header says {w}×{hh}");
                    if (w > l.MaxSide || hh > l.MaxSide || (long)w * hh > l.MaxPixels)
                    {
                        throw new ImageRejectedException(ImageProblem.TooLarge,
                            $"{w}×{hh} = {(long)w * hh:N0} pixels is more than allowed ({l.MaxPixels:N0} pixels, {l.MaxSide:N0} a side)");
                    }
                    header = ((int)w, (int)hh, body[8], body[9], body[12] == 1);
                    break;
                case "IDAT":
                    idat.Add((pos + 8, (int)length));
                    break;
                case "zTXt" or "iTXt" or "iCCP":
                    metadata += CompressedMetadataLength(type, body, l.MaxMetadataBytes - metadata);
                    if (metadata > l.MaxMetadataBytes)
                    {
                        throw new ImageRejectedException(ImageProblem.TooLarge,
                            $"the PNG's compressed {type} metadata inflates past {l.MaxMetadataBytes:N0} bytes (a decompression bomb in a text or profile chunk)");
                    }
                    break;
            }
            pos += 12 + (int)length;
            if (type == "IEND") break;
        }
        if (header is not { } h) throw new ImageRejectedException(ImageProblem.Corrupt, "the PNG has no IHDR header chunk");
        if (idat.Count == 0) throw new ImageRejectedException(ImageProblem.Truncated, "the PNG has no pixel data (no IDAT chunk)");
        var expected = PixelDataLength(h.Width, h.Height, h.BitDepth, h.ColorType, h.Interlaced);
        var actual = InflatedLength(new ChunkStream(data, idat), expected + 1, "pixel data (IDAT)");
        if (actual < expected) throw new ImageRejectedException(ImageProblem.Truncated, $"the PNG's pixel data ends after {actual:N0} of the {expected:N0} bytes its header calls for: rows are missing");
        if (actual > expected) throw new ImageRejectedException(ImageProblem.Corrupt, $"the PNG's pixel data is longer than the {expected:N0} bytes its header calls for");
    }

    /// <summary>How many bytes the PNG's filtered scanlines take: one filter byte and the packed pixels per row, per Adam7 pass when interlaced.</summary>
    private static long PixelDataLength(int width, int height, int bitDepth, int colorType, bool interlaced)
    {
        var channels = colorType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => throw new ImageRejectedException(ImageProblem.Corrupt, $"the PNG's colour type {colorType} does not exist") };
        if (bitDepth is not (1 or 2 or 4 or 8 or 16)) throw new ImageRejectedException(ImageProblem.Corrupt, $"the PNG's bit depth {bitDepth} does not exist");
        long Rows(long w, long rows) => w == 0 || rows == 0 ? 0 : rows * (1 + (w * channels * bitDepth + 7) / 8);
        if (!interlaced) return Rows(width, height);
        // Adam7: (x start, y start, x step, y step) of the seven passes.
        (int X, int Y, int Dx, int Dy)[] passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];
        return passes.Sum(p => Rows((width - p.X + p.Dx - 1) / p.Dx, (height - p.Y + p.Dy - 1) / p.Dy));
    }

    /// <summary>The inflated length of a zTXt, iTXt (when compressed) or iCCP chunk's compressed part, counted up to <paramref name="limit"/> + 1.</summary>
    private static long CompressedMetadataLength(string type, ReadOnlySpan<byte> body, long limit)
    {
        var keywordEnd = body.IndexOf((byte)0);
        if (keywordEnd < 0) throw new ImageRejectedException(ImageProblem.Corrupt, $"the PNG's {type} chunk has no keyword terminator");
        int start;
        if (type == "iTXt")
        {
            // keyword \0 compression-flag method language \0 translated-keyword \0 text
            if (keywordEnd + 2 >= body.Length || body[keywordEnd + 1] == 0) return 0; // not compressed: its length is its size
            var rest = body[(keywordEnd + 3)..];
            var language = rest.IndexOf((byte)0);
            var translated = language < 0 ? -1 : rest[(language + 1)..].IndexOf((byte)0);
            if (language < 0 || translated < 0) throw new ImageRejectedException(ImageProblem.Corrupt, "the PNG's iTXt chunk is malformed");
            start = keywordEnd + 3 + language + 1 + translated + 1;
        }
        else
        {
            start = keywordEnd + 2; // keyword \0 method, then the compressed data
        }
        if (start > body.Length) throw new ImageRejectedException(ImageProblem.Corrupt, $"the PNG's {type} chunk is malformed");
        return InflatedLength(new MemoryStream(body[start..].ToArray(), writable: false), Math.Max(0, limit) + 1, $"{type} metadata");
    }

    /// <summary>Inflates a zlib stream without keeping it, counting bytes up to <paramref name="stopAfter"/>.</summary>
    private static long InflatedLength(Stream compressed, long stopAfter, string what)
    {
        try
        {
            using var zlib = new ZLibStream(compressed, CompressionMode.Decompress);
            var buffer = new byte[64 * 1024];
            long total = 0;
            int read;
            while (total < stopAfter && (read = zlib.Read(buffer, 0, (int)Math.Min(buffer.Length, stopAfter - total))) > 0) total += read;
            return total;
        }
        catch (InvalidDataException ex)
        {
            throw new ImageRejectedException(ImageProblem.Corrupt, $"the PNG's compressed {what} is damaged: {ex.Message}", ex);
        }
    }

    private static uint ReadUInt32(ReadOnlySpan<byte> b) => (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);

    /// <summary>The IDAT chunks' bodies as one stream (the zlib data is split across them).</summary>
    private sealed class ChunkStream(byte[] data, List<(int Offset, int Length)> parts) : Stream
    {
        private int _part;
        private int _inPart;

        public override int Read(byte[] buffer, int offset, int count)
        {
            while (_part < parts.Count && _inPart >= parts[_part].Length) { _part++; _inPart = 0; }
            if (_part >= parts.Count) return 0;
            var n = Math.Min(count, parts[_part].Length - _inPart);
            Array.Copy(data, parts[_part].Offset + _inPart, buffer, offset, n);
            _inPart += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
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
