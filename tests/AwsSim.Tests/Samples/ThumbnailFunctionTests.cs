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
        { "text-bomb", ImageProblem.TooLarge },
        { "profile-bomb", ImageProblem.TooLarge },
        { "short-pixels", ImageProblem.Truncated },
        { "bad-zlib", ImageProblem.Corrupt },
    };

    /// <summary>A 1×1 RGB PNG built chunk by chunk (each with a correct CRC), with extra chunks before the pixels.</summary>
    private static byte[] Png(int width, int height, byte[] idatZlib, params (string Type, byte[] Body)[] extra)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        void Chunk(string type, byte[] body)
        {
            var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
            png.Write([(byte)(body.Length >> 24), (byte)(body.Length >> 16), (byte)(body.Length >> 8), (byte)body.Length]);
            png.Write(typeBytes);
            png.Write(body);
            var crc = UntrustedImage.Crc32([.. typeBytes, .. body]);
            png.Write([(byte)(crc >> 24), (byte)(crc >> 16), (byte)(crc >> 8), (byte)crc]);
        }
        Chunk("IHDR", [(byte)(width >> 24), (byte)(width >> 16), (byte)(width >> 8), (byte)width, (byte)(height >> 24), (byte)(height >> 16), (byte)(height >> 8), (byte)height, 8, 2, 0, 0, 0]);
        foreach (var (type, body) in extra) Chunk(type, body);
        Chunk("IDAT", idatZlib);
        Chunk("IEND", []);
        return png.ToArray();
    }

    private static byte[] Zlib(byte[] raw)
    {
        using var ms = new MemoryStream();
        using (var z = new System.IO.Compression.ZLibStream(ms, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true)) z.Write(raw);
        return ms.ToArray();
    }

    /// <summary>Scanlines of a width×height RGB image: a filter byte (0) and 3 bytes per pixel, per row.</summary>
    private static byte[] Rows(int width, int height, int rows) => new byte[rows * (1 + 3 * width)];

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
            case "text-bomb":
                // A valid 1×1 image whose zTXt "comment" inflates to 16 MB (far past the 1 MB metadata budget).
                return Png(1, 1, Zlib(Rows(1, 1, 1)), ("zTXt", [.. "Comment"u8, 0, 0, .. Zlib(new byte[16 * 1024 * 1024])]));
            case "profile-bomb":
                return Png(1, 1, Zlib(Rows(1, 1, 1)), ("iCCP", [.. "icc"u8, 0, 0, .. Zlib(new byte[4 * 1024 * 1024])]));
            case "short-pixels":
                // Every CRC is right, but the pixel data holds a third of the rows the header promises.
                return Png(90, 90, Zlib(Rows(90, 90, 30)));
            case "bad-zlib":
                return Png(4, 4, [0x78, 0x9C, 0xFF, 0xFF, 0xFF, 0x00, 0x12, 0x34]);
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
    public void A_text_chunk_bomb_is_refused_by_counting_not_by_inflating_it_into_memory()
    {
        var bomb = Bad("text-bomb");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<ImageRejectedException>(() => UntrustedImage.Inspect(bomb));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(ImageProblem.TooLarge, ex.Problem);
        Assert.Contains("zTXt", ex.Message, StringComparison.Ordinal);
        Assert.True(allocated < 8 * 1024 * 1024, $"{allocated:N0} bytes allocated to refuse it"); // the 16 MB are never held
    }

    [Fact]
    public void Valid_checksums_around_missing_pixel_data_do_not_pass()
    {
        var ex = Assert.Throws<ImageRejectedException>(() => UntrustedImage.Inspect(Bad("short-pixels")));
        Assert.Equal(ImageProblem.Truncated, ex.Problem);
        Assert.Contains("rows are missing", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ImageProblem.Corrupt, Assert.Throws<ImageRejectedException>(() => UntrustedImage.Inspect(Bad("bad-zlib"))).Problem);
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
