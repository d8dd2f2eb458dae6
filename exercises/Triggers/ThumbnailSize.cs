namespace Exercises.Triggers;

/// <summary>Exercise <c>triggers.thumbnail-size</c>: check an image's header before you decode it.</summary>
public static class ThumbnailSize
{
    /// <summary>
    /// An image's header says it is <paramref name="width"/> × <paramref name="height"/> pixels. Return null (refuse it)
    /// when either side is 0 or less, or when width × height is more than <paramref name="maxPixels"/> (beware: the
    /// product of two big ints overflows an int). Otherwise return the thumbnail size: half of each side, rounded down,
    /// but never less than 1 pixel.
    /// </summary>
    /// <example><c>Of(641, 1, 1_000_000)</c> → (320, 1); <c>Of(10_000, 10_000, 40_000_000)</c> → null.</example>
    public static (int Width, int Height)? Of(int width, int height, long maxPixels)
    {
        throw new NotImplementedException();
    }
}
