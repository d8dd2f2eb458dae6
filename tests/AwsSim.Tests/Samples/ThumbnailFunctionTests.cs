using AwsSim.S3;
using AwsSim.Samples;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace AwsSim.Tests.Samples;

public class ThumbnailFunctionTests
{
    private static readonly Lazy<byte[]> s_bomb = new(() => SampleImages.DecompressionBomb());

    private static (SimulatedAws Aws, LocalInvoker Lambda) Lesson()
    {
        var aws = new SimulatedAws();
        var lambda = new LocalInvoker(aws.Clock);
        aws.S3.LambdaInvoker = lambda;
        aws.S3.CreateBucket("photos");
        aws.S3.CreateBucket("photosresized");
        var fn = new ThumbnailFunction(aws.S3);
        lambda.Register("thumbnail", fn.Handle);
        aws.S3.PutBucketNotificationConfiguration("photos",
            [new LambdaFunctionConfiguration("thumbnails", "arn:aws:lambda:us-east-1:123456789012:function:thumbnail", ["s3:ObjectCreated:*"])]);
        return (aws, lambda);
    }

    [Theory]
    [InlineData(false, 640, 400)]
    [InlineData(true, 333, 201)]
    [InlineData(false, 1, 1)]
    public void A_put_photo_gets_a_half_size_thumbnail_under_the_same_key(bool jpeg, int w, int h)
    {
        var (aws, lambda) = Lesson();
        var photo = SampleImages.Landscape(w, h, jpeg);
        aws.S3.PutObject("photos", "holiday/red flower.img", photo, jpeg ? "image/jpeg" : "image/png");
        aws.Clock.Advance(TimeSpan.FromMinutes(1));

        var outcome = Assert.Single(lambda.Outcomes);
        Assert.Equal(AsyncStatus.Succeeded, outcome.Status);
        var thumb = aws.S3.GetObject("photosresized", "holiday/red flower.img"); // decoded key, same in both buckets
        var info = Image.Identify(thumb.Body, out var format);
        Assert.Equal((Math.Max(1, w / 2), Math.Max(1, h / 2)), (info.Width, info.Height));
        Assert.Equal(jpeg ? JpegFormat.Instance : PngFormat.Instance, format);
        Assert.Equal(photo, aws.S3.GetObject("photos", "holiday/red flower.img").Body);
        Assert.Equal(jpeg ? "image/jpeg" : "image/png", thumb.ContentType);
    }

    [Fact]
    public void The_thumbnail_looks_like_the_original()
    {
        using var original = SampleImages.LandscapeImage(200, 100);
        var (thumb, _, _, tw, th) = ThumbnailFunction.MakeThumbnail(SampleImages.Landscape(200, 100));
        using var small = Image.Load<Rgba32>(thumb);
        Assert.Equal((100, 50), (tw, th));
        // Sky at the top, grass at the bottom: the colours survive the resize.
        Assert.True(small[50, 2].B > small[50, 2].G && original[100, 4].B > original[100, 4].G);
        Assert.True(Math.Abs(small[5, 30].G - original[10, 60].G) < 40);
    }

    public static TheoryData<string, ImageProblem> BadFiles() => new()
    {
        { "truncated-png", ImageProblem.Truncated },
        { "truncated-jpeg", ImageProblem.Truncated },
        { "random", ImageProblem.NotAnImage },
        { "empty", ImageProblem.Empty },
        { "bomb", ImageProblem.TooLarge },
        { "bad-crc", ImageProblem.Corrupt },
        { "gif", ImageProblem.UnsupportedFormat },
    };

    private static byte[] Bad(string name)
    {
        switch (name)
        {
            case "truncated-png": return SampleImages.Truncated(SampleImages.WithSplitIdat(SampleImages.Landscape(300, 200), 1024));
            case "truncated-jpeg": return SampleImages.Truncated(SampleImages.Landscape(300, 200, jpeg: true));
            case "random": return SampleImages.RandomBytes();
            case "empty": return [];
            case "bomb": return s_bomb.Value;
            case "bad-crc":
            {
                var png = SampleImages.Landscape(64, 64);
                png[png.Length / 2] ^= 0x55; // flip bits inside the IDAT data
                return png;
            }
            case "gif":
            {
                using var img = new Image<Rgba32>(8, 8);
                using var ms = new MemoryStream();
                img.SaveAsGif(ms);
                return ms.ToArray();
            }
            default: throw new ArgumentOutOfRangeException(nameof(name));
        }
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Bad_images_are_refused_with_the_reason(string file, ImageProblem problem)
    {
        var ex = Assert.Throws<ImageRejectedException>(() => ThumbnailFunction.MakeThumbnail(Bad(file)));
        Assert.Equal(problem, ex.Problem);
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void A_bad_upload_is_retried_then_dead_lettered_and_nothing_is_written(string file, ImageProblem problem)
    {
        var (aws, lambda) = Lesson();
        var data = Bad(file);
        aws.S3.PutObject("photos", "upload.png", data);
        aws.Clock.Advance(TimeSpan.FromMinutes(10));

        var outcome = Assert.Single(lambda.Outcomes);
        Assert.Equal((AsyncStatus.DeadLettered, 3), (outcome.Status, outcome.Attempts));
        Assert.Contains(nameof(ImageRejectedException), outcome.Reason);
        Assert.Equal(SimulatedClock.DefaultStart.AddMinutes(3), outcome.Finished); // retries after 1 and 2 more minutes
        Assert.Equal(0, aws.S3.ListObjectsV2("photosresized").KeyCount);
        Assert.Equal(data, aws.S3.GetObject("photos", "upload.png").Body);
        Assert.True(Enum.IsDefined(problem));
    }

    [Fact]
    public void ImageSharp_alone_decodes_a_truncated_png_silently_which_is_why_the_chunk_walk_exists()
    {
        // With the data in several IDAT chunks (as libpng writes it), a cut leaves whole chunks, then stops mid-way.
        var whole = SampleImages.WithSplitIdat(SampleImages.Landscape(640, 400));
        UntrustedImage.CheckPng(whole);
        var truncated = SampleImages.Truncated(whole);
        using var decoded = Image.Load<Rgba32>(truncated); // no exception
        Assert.Equal((640, 400), (decoded.Width, decoded.Height));
        Assert.Equal(ImageProblem.Truncated, Assert.Throws<ImageRejectedException>(() => UntrustedImage.CheckPng(truncated)).Problem);
        UntrustedImage.CheckPng(SampleImages.Landscape(300, 200)); // a whole file passes
        UntrustedImage.CheckJpeg(SampleImages.Landscape(300, 200, jpeg: true));
    }

    [Fact]
    public void The_allocation_limit_stops_a_bomb_even_when_the_pixel_check_is_too_generous()
    {
        var generous = new ImageLimits(MaxPixels: long.MaxValue, MaxSide: int.MaxValue, AllocationLimitMegabytes: 64);
        var bomb = s_bomb.Value;
        Assert.True(bomb.Length < 200_000); // small file, huge image
        var ex = Assert.Throws<ImageRejectedException>(() => UntrustedImage.Open(bomb, generous));
        Assert.Contains(ex.Problem, new[] { ImageProblem.Corrupt, ImageProblem.TooLarge });
        Assert.Contains("allocate", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Encoded_keys_are_decoded_before_reading()
    {
        var (aws, lambda) = Lesson();
        aws.S3.PutObject("photos", "a+b/c d.png", SampleImages.Landscape(20, 10));
        aws.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("a%2Bb/c+d.png", aws.S3.SentNotifications[0].Event.Records[0].S3!.Object!.Key);
        Assert.True(aws.S3.ObjectExists("photosresized", "a+b/c d.png"));
        Assert.Equal(AsyncStatus.Succeeded, lambda.Outcomes[0].Status);
    }

    [Fact]
    public void Missing_target_bucket_is_a_function_error()
    {
        var (aws, lambda) = Lesson();
        aws.S3.DeleteBucket("photosresized");
        aws.S3.PutObject("photos", "p.png", SampleImages.Landscape(20, 10));
        aws.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Contains("NoSuchBucket", lambda.Outcomes[0].Reason);
    }

    [Theory]
    [InlineData(640, 400, 320, 200)]
    [InlineData(641, 401, 320, 200)]
    [InlineData(1, 1, 1, 1)]
    [InlineData(3, 1, 1, 1)]
    public void Half_size_is_at_least_one_pixel(int w, int h, int tw, int th)
        => Assert.Equal((tw, th), ThumbnailFunction.ThumbnailSize(w, h));
}
