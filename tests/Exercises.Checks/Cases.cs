using System.Globalization;

namespace Exercises.Checks;

/// <summary>
/// Renders an answer over several inputs as one line per input, so a wrong answer shows up as the first line that
/// differs. An exception thrown for one input becomes that line (and the others still run); a
/// <see cref="NotImplementedException"/> means the exercise was not attempted and stops the whole check.
/// </summary>
public static class Cases
{
    /// <summary>One line per input: <c>describe(input) → render(answer(input))</c>.</summary>
    public static IReadOnlyList<string> Each<TIn, TOut>(IEnumerable<TIn> inputs, Func<TIn, string> describe, Func<TIn, TOut> answer, Func<TOut, string> render)
    {
        var lines = new List<string>();
        foreach (var input in inputs)
        {
            string result;
            try
            {
                result = render(answer(input));
            }
            catch (NotImplementedException)
            {
                throw;
            }
            catch (Exception ex)
            {
                result = $"threw {ex.GetType().Name}: {FirstLine(ex.Message)}";
            }
            lines.Add($"{describe(input)} → {result}");
        }
        return lines;
    }

    /// <summary>Money as the course writes it: "$1,234.56".</summary>
    public static string Usd(decimal amount) => AwsSim.Money.Format(amount);

    /// <summary>A number in invariant culture.</summary>
    public static string Num(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    /// <summary>A whole number with thousands separators.</summary>
    public static string Num(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>Invariant-culture formatting for interpolated strings.</summary>
    public static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string FirstLine(string s)
    {
        var i = s.IndexOf('\n');
        return i < 0 ? s : s[..i].TrimEnd();
    }
}
