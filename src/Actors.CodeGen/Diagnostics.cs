using Microsoft.CodeAnalysis;

namespace CustomerSuccess.Actors.CodeGen;

internal static class Diagnostics
{
    private const string Category = "CustomerSuccess.Actors";

    public static readonly DiagnosticDescriptor UnsupportedReturnType = new(
        "CSA001", "Grain methods return Task or Task<T>",
        "Grain method '{0}' returns '{1}'; grain methods are asynchronous and return Task or Task<T>",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor GenericMethod = new(
        "CSA002", "Generic grain methods are not supported",
        "Grain method '{0}' is generic; declare a method per type instead",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor RefParameter = new(
        "CSA003", "Grain method parameters are passed by value",
        "Grain method '{0}' takes '{1}' by ref or out; a grain call cannot write back into the caller",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor GenericGrainInterface = new(
        "CSA004", "Generic grain interfaces are not supported",
        "Grain interface '{0}' is generic",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedMember = new(
        "CSA005", "Grain interfaces have only methods",
        "'{0}' in grain interface '{1}' is a property; expose it through an async method",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
