using System.Globalization;

namespace AwsSim;

/// <summary>Checks shared by the options records (each record validates its own fields when the account is built).</summary>
internal static class OptionChecks
{
    public static TimeSpan Duration(string field, TimeSpan value, TimeSpan? max = null)
    {
        var upper = max ?? TimeSpan.FromDays(365);
        if (value < TimeSpan.Zero || value > upper)
        {
            throw new AwsValidationException(field, value.ToString("c", CultureInfo.InvariantCulture), $"must be a duration from 0 to {upper.ToString("c", CultureInfo.InvariantCulture)}");
        }
        return value;
    }

    public static double Fraction(string field, double value)
    {
        if (double.IsNaN(value) || value < 0 || value > 1)
        {
            throw new AwsValidationException(field, value.ToString(CultureInfo.InvariantCulture), "must be a fraction from 0 to 1");
        }
        return value;
    }
}
