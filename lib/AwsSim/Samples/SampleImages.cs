using System.IO.Compression;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace AwsSim.Samples;

/// <summary>
/// Pictures made in code, so the lessons and tests need no binary files: a photo-like landscape, and the bad files a
/// thumbnail function must survive (truncated, random bytes, a decompression bomb).
/// </summary>
public static class SampleImages
{
    /// <summary>A landscape (sky, sun, two mountain ridges, a lake with a reflection), as PNG or JPEG bytes; the same for the same arguments.</summary>
    public static byte[] Landscape(int width = 640, int height = 400, bool jpeg = false, int seed = 1)
    {
        using var image = LandscapeImage(width, height, seed);
        using var ms = new MemoryStream();
        if (jpeg) image.SaveAsJpeg(ms); else image.SaveAsPng(ms);
        return ms.ToArray();
    }

    /// <summary>The landscape as an ImageSharp image.</summary>
    public static Image<Rgba32> LandscapeImage(int width, int height, int seed = 1)
    {
        var rnd = new Random(seed);
        var (p1, p2, p3) = (rnd.NextDouble() * 6, rnd.NextDouble() * 6, rnd.NextDouble() * 6);
        var horizon = height * 0.62;
        var sun = (X: width * (0.25 + 0.5 * rnd.NextDouble()), Y: height * 0.25, R: height * 0.08);
        var img = new Image<Rgba32>(width, height);
        double Ridge(double x, double baseY, double amp, double f, double p)
            => baseY - amp * (0.6 * Math.Sin(x * f + p) + 0.3 * Math.Sin(x * f * 2.7 + p * 1.3) + 0.1 * Math.Sin(x * f * 7.1 + p * 2.1));
        Rgba32 Scene(double x, double y)
        {
            var far = Ridge(x / width, horizon - height * 0.12, height * 0.10, 6.0, p1);
            var near = Ridge(x / width, horizon - height * 0.03, height * 0.07, 9.0, p2);
            if (y >= near) return new Rgba32(46, 90, 52);
            if (y >= far) return new Rgba32(90, 110, 140);
            var d = Math.Sqrt((x - sun.X) * (x - sun.X) + (y - sun.Y) * (y - sun.Y));
            if (d < sun.R) return new Rgba32(255, 236, 150);
            var t = y / horizon;
            var glow = Math.Max(0, 1 - d / (sun.R * 4)) * 60;
            return new Rgba32((byte)Math.Min(255, 90 + 120 * t + glow), (byte)Math.Min(255, 150 + 70 * t + glow * 0.8), (byte)Math.Min(255, 230 - 20 * t));
        }
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (y < horizon)
                {
                    img[x, y] = Scene(x, y);
                }
                else
                {
                    // The lake mirrors the scene above the horizon, darker and rippled.
                    var mirrored = 2 * horizon - y + 2 * Math.Sin(y * 0.7 + p3);
                    var c = Scene(x, Math.Max(0, mirrored));
                    img[x, y] = new Rgba32((byte)(c.R * 0.55), (byte)(c.G * 0.6), (byte)(c.B * 0.75));
                }
            }
        }
        return img;
    }

    /// <summary>The first <paramref name="fraction"/> of a file, as an interrupted upload leaves it.</summary>
    public static byte[] Truncated(byte[] file, double fraction = 0.6) => file[..Math.Max(1, (int)(file.Length * fraction))];

    /// <summary>
    /// The same PNG with its image data split into IDAT chunks of <paramref name="chunkSize"/> bytes, as many encoders
    /// write it (libpng uses 8 KB). ImageSharp writes one IDAT; a cut in a multi-IDAT file leaves whole chunks before it.
    /// </summary>
    public static byte[] WithSplitIdat(byte[] png, int chunkSize = 8192)
    {
        using var data = new MemoryStream();
        using var output = new MemoryStream();
        output.Write(png, 0, 8);
        var pos = 8;
        var wroteData = false;
        while (pos + 12 <= png.Length)
        {
            var length = png[pos] << 24 | png[pos + 1] << 16 | png[pos + 2] << 8 | png[pos + 3];
            var type = System.Text.Encoding.ASCII.GetString(png, pos + 4, 4);
            if (type == "IDAT")
            {
                data.Write(png, pos + 8, length);
            }
            else
            {
                if (data.Length > 0 && !wroteData)
                {
                    var all = data.ToArray();
                    for (var i = 0; i < all.Length; i += chunkSize) WriteChunk(output, "IDAT", all[i..Math.Min(all.Length, i + chunkSize)]);
                    wroteData = true;
                }
                output.Write(png, pos, 12 + length);
            }
            pos += 12 + length;
        }
        return output.ToArray();
    }

    /// <summary><paramref name="count"/> random bytes (seeded).</summary>
    public static byte[] RandomBytes(int count = 4096, int seed = 7)
    {
        var b = new byte[count];
        new Random(seed).NextBytes(b);
        return b;
    }

    /// <summary>
    /// A decompression bomb: a valid, small PNG (grey, all zero) that claims <paramref name="width"/>×<paramref name="height"/>
    /// pixels. 10000×10000 compresses to about 100 KB but would need 400 MB as RGBA.
    /// </summary>
    public static byte[] DecompressionBomb(int width = 10_000, int height = 10_000)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        WriteBigEndian(ihdr, 0, (uint)width);
        WriteBigEndian(ihdr, 4, (uint)height);
        ihdr[8] = 8;  // bit depth
        ihdr[9] = 0;  // greyscale
        WriteChunk(png, "IHDR", ihdr);
        using (var idat = new MemoryStream())
        {
            using (var z = new ZLibStream(idat, CompressionLevel.Optimal, leaveOpen: true))
            {
                var row = new byte[width + 1]; // filter byte 0, then zeros
                for (var y = 0; y < height; y++) z.Write(row);
            }
            WriteChunk(png, "IDAT", idat.ToArray());
        }
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream s, string type, byte[] data)
    {
        var head = new byte[8];
        WriteBigEndian(head, 0, (uint)data.Length);
        System.Text.Encoding.ASCII.GetBytes(type, 0, 4, head, 4);
        s.Write(head);
        s.Write(data);
        var crcInput = new byte[4 + data.Length];
        Array.Copy(head, 4, crcInput, 0, 4);
        Array.Copy(data, 0, crcInput, 4, data.Length);
        var crc = new byte[4];
        WriteBigEndian(crc, 0, UntrustedImage.Crc32(crcInput));
        s.Write(crc);
    }

    private static void WriteBigEndian(byte[] b, int at, uint v)
    {
        b[at] = (byte)(v >> 24); b[at + 1] = (byte)(v >> 16); b[at + 2] = (byte)(v >> 8); b[at + 3] = (byte)v;
    }

    /// <summary>An <c>&lt;img&gt;</c> tag with the image inline (base64), for notebooks.</summary>
    public static string ImgTag(byte[] image, string contentType = "image/png", string alt = "", int? width = null)
        => $"<img alt=\"{System.Net.WebUtility.HtmlEncode(alt)}\" {(width is { } w ? $"width=\"{w}\" " : "")}src=\"data:{contentType};base64,{Convert.ToBase64String(image)}\"/>";
}
