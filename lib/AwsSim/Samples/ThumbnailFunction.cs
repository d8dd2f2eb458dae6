using System.Text.Json;
using AwsSim.S3;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Processing;

namespace AwsSim.Samples;

/// <summary>What the thumbnail function wrote for one record.</summary>
/// <param name="SourceBucket">Where the photo is.</param>
/// <param name="Key">Its key (decoded), the same in both buckets.</param>
/// <param name="TargetBucket"><c>&lt;bucket&gt;resized</c>.</param>
/// <param name="Width">Original width.</param>
/// <param name="Height">Original height.</param>
/// <param name="ThumbnailWidth">Thumbnail width (half).</param>
/// <param name="ThumbnailHeight">Thumbnail height (half).</param>
/// <param name="Bytes">Size of the thumbnail.</param>
public sealed record ThumbnailResult(string SourceBucket, string Key, string TargetBucket, int Width, int Height, int ThumbnailWidth, int ThumbnailHeight, long Bytes);

/// <summary>
/// The course's worked example: a function triggered by an S3 put that makes a half-size thumbnail of the uploaded
/// photo and writes it to the bucket named <c>&lt;bucket&gt;resized</c> under the same key. Images are untrusted input
/// (<see cref="UntrustedImage"/>): a corrupt, truncated or oversized image makes the function fail — so Lambda retries
/// and then dead-letters the event — and nothing is written; the original object is never touched.
/// </summary>
public sealed class ThumbnailFunction
{
    /// <summary>What is appended to the source bucket's name to get the target bucket.</summary>
    public const string TargetSuffix = "resized";

    private readonly S3Service _s3;

    /// <summary>A thumbnail function that reads and writes through <paramref name="s3"/>.</summary>
    public ThumbnailFunction(S3Service s3, ImageLimits? limits = null)
    {
        _s3 = s3;
        Limits = limits ?? ImageLimits.Default;
    }

    /// <summary>The decoding limits.</summary>
    public ImageLimits Limits { get; }

    /// <summary>The handler as Lambda calls it: S3 event JSON in, a JSON summary out.</summary>
    public string Handle(string eventJson)
        => JsonSerializer.Serialize(new { thumbnails = Handle(AwsJson.Deserialize<S3Event>(eventJson)) });

    /// <summary>Makes a thumbnail for every record of the event.</summary>
    public IReadOnlyList<ThumbnailResult> Handle(S3Event e)
    {
        var results = new List<ThumbnailResult>();
        foreach (var record in e.Records)
        {
            var bucket = record.S3?.Bucket?.Name ?? throw new ArgumentException("the record has no s3.bucket.name");
            // The key arrives URL-encoded ("my+photo.jpg"): decode it, or GetObject asks for a key that does not exist.
            var key = S3Key.Decode(record.S3.Object?.Key ?? throw new ArgumentException("the record has no s3.object.key"));
            var source = _s3.GetObject(bucket, key);
            var (thumbnail, w, h, tw, th) = MakeThumbnail(source.Body, Limits);
            var target = bucket + TargetSuffix;
            _s3.PutObject(target, key, thumbnail, source.ContentType);
            results.Add(new ThumbnailResult(bucket, key, target, w, h, tw, th, thumbnail.LongLength));
        }
        return results;
    }

    /// <summary>Half the size, at least one pixel each way.</summary>
    public static (int Width, int Height) ThumbnailSize(int width, int height) => (Math.Max(1, width / 2), Math.Max(1, height / 2));

    /// <summary>Checks, decodes, halves and re-encodes (same format) an image; throws <see cref="ImageRejectedException"/> for a bad one.</summary>
    public static (byte[] Thumbnail, int Width, int Height, int ThumbnailWidth, int ThumbnailHeight) MakeThumbnail(byte[] image, ImageLimits? limits = null)
    {
        using var opened = UntrustedImage.Open(image, limits);
        var img = opened.Image;
        var (w, h) = (img.Width, img.Height);
        var (tw, th) = ThumbnailSize(w, h);
        using var output = new MemoryStream();
        try
        {
            img.Mutate(x => x.Resize(tw, th));
            if (opened.Format is JpegFormat) img.SaveAsJpeg(output, new JpegEncoder { Quality = 85 });
            else img.SaveAsPng(output, new PngEncoder());
        }
        catch (SixLabors.ImageSharp.Memory.InvalidMemoryOperationException ex)
        {
            // Processing allocates too: the same cap applies, and hitting it is a refused image, not a crash.
            throw new ImageRejectedException(ImageProblem.TooLarge, "resizing needs more memory than allowed: " + ex.Message, ex);
        }
        return (output.ToArray(), w, h, tw, th);
    }
}
