namespace Exercises.Triggers;

/// <summary>Exercise <c>triggers.thumbnail-size</c>: check an image's header before you decode it.</summary>
public static class ThumbnailSize
{
    /// <summary>Reference answer.</summary>
    public static (int Width, int Height)? Of(int width, int height, long maxPixels)
    {
        if (width <= 0 || height <= 0 || (long)width * height > maxPixels) return null;
        return (Math.Max(1, width / 2), Math.Max(1, height / 2));
    }
}
