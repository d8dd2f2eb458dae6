namespace Exercises.Triggers;

/// <summary>Exercise <c>triggers.object-key</c>: the key in an S3 event is not the key of the object.</summary>
public static class ObjectKey
{
    /// <summary>
    /// S3 writes <c>s3.object.key</c> URL-encoded in form style: a space is <c>+</c>, and other reserved characters are
    /// <c>%XX</c> escapes of their UTF-8 bytes (<c>%2B</c> is a real plus sign, <c>%C3%A9</c> is é). Return the real key,
    /// the one GetObject needs.
    /// </summary>
    /// <example><c>Decode("holiday/red+flower.jpg")</c> → <c>holiday/red flower.jpg</c>.</example>
    public static string Decode(string eventKey)
    {
        throw new NotImplementedException();
    }
}
