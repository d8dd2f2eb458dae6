using System.Globalization;

namespace AwsSim;

/// <summary>Small checks used at the edge of every service; each throws <see cref="AwsValidationException"/>.</summary>
public static class Validate
{
    /// <summary>Checks that <paramref name="value"/> lies in [min, max].</summary>
    public static long Range(string field, long value, long min, long max, string unit = "", string errorCode = "InvalidParameterValueException")
    {
        if (value < min || value > max)
        {
            throw new AwsValidationException(field, value.ToString(CultureInfo.InvariantCulture),
                $"must be an integer from {min.ToString("N0", CultureInfo.InvariantCulture)} to {max.ToString("N0", CultureInfo.InvariantCulture)}{Unit(unit)}", errorCode);
        }
        return value;
    }

    /// <summary>Checks that <paramref name="value"/> is zero or more.</summary>
    public static double NonNegative(string field, double value, string unit = "")
    {
        if (double.IsNaN(value) || double.IsInfinity(value) || value < 0)
        {
            throw new AwsValidationException(field, value.ToString(CultureInfo.InvariantCulture), $"must be a number of zero or more{Unit(unit)}");
        }
        return value;
    }

    /// <summary>Checks that <paramref name="value"/> is zero or more.</summary>
    public static long NonNegative(string field, long value, string unit = "")
    {
        if (value < 0)
        {
            throw new AwsValidationException(field, value.ToString(CultureInfo.InvariantCulture), $"must be zero or more{Unit(unit)}");
        }
        return value;
    }

    /// <summary>Checks that <paramref name="value"/> is one of <paramref name="allowed"/> (ordinal, case-sensitive as AWS is).</summary>
    public static string OneOf(string field, string? value, params string[] allowed)
    {
        if (value is null || Array.IndexOf(allowed, value) < 0)
        {
            throw new AwsValidationException(field, value, "must be one of " + string.Join(", ", allowed));
        }
        return value;
    }

    private static string Unit(string unit) => unit.Length == 0 ? "" : $" ({unit})";
}
