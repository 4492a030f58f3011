using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace SchoolSite.Site.Services;

/// <summary>
/// Fluid turns a range such as (1..1000000000) into a full array before a loop starts, so its step
/// limit never fires and memory runs out. Every range in a parsed template is replaced by one that
/// refuses to grow past <see cref="MaxItems"/>.
/// </summary>
public sealed class BoundedRanges : AstRewriter
{
    public const int MaxItems = 1_000;

    protected override Expression VisitRangeExpression(RangeExpression rangeExpression)
        => new BoundedRangeExpression(rangeExpression.From, rangeExpression.To);

    private sealed class BoundedRangeExpression(Expression from, Expression to) : Expression
    {
        public override async ValueTask<FluidValue> EvaluateAsync(TemplateContext context)
        {
            var start = decimal.Truncate((await from.EvaluateAsync(context)).ToNumberValue());
            var end = decimal.Truncate((await to.EvaluateAsync(context)).ToNumberValue());
            var count = end - start + 1;
            if (count > MaxItems)
            {
                throw new InvalidOperationException($"A range in the template has {count:N0} items; at most {MaxItems:N0} are allowed.");
            }
            var items = new FluidValue[(int)Math.Max(0, count)];
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = NumberValue.Create(start + i);
            }
            return new ArrayValue(items);
        }
    }
}
