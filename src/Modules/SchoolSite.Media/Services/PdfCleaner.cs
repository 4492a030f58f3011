using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.IO;

namespace SchoolSite.Media.Services;

/// <summary>
/// A PDF is read with a PDF library, never searched as bytes: names can be spelled with hex escapes
/// (/J#61vaScript is /JavaScript) and objects can sit in compressed object streams, both invisible to a byte
/// search. It is refused if it could run code (JavaScript anywhere, launch actions), carries other files, is a
/// form, or cannot be checked (encrypted, damaged). Otherwise its document information and every XMP packet are
/// removed, compressed or not, and the cleaned document is saved as the stored file.
/// </summary>
public static class PdfCleaner
{
    private const string WhatToDo = "Print it to PDF again (for example with \"Microsoft Print to PDF\", or \"Save as PDF\" from the print window) and upload that copy.";

    public static MediaUploadResult Clean(byte[] bytes)
    {
        PdfDocument? document;
        var askedForPassword = false;
        try
        {
            document = PdfReader.Open(new MemoryStream(bytes, writable: false), PdfDocumentOpenMode.Modify, password =>
            {
                askedForPassword = true;
                password.Abort = true;
            });
        }
        // PDFsharp reports damage with many exception types (format, cast, null reference…): any of them means unreadable.
        catch (Exception) when (!askedForPassword)
        {
            return MediaUploadResult.Refuse($"This PDF is damaged or not complete, so it cannot be checked. {WhatToDo}");
        }
        catch (Exception)
        {
            return Protected();
        }
        // A declined password request can end in an exception or in no document at all.
        if (askedForPassword || document is null)
        {
            return Protected();
        }
        using (document)
        {
            if (document.SecuritySettings.IsEncrypted)
            {
                return Protected();
            }
            if (document.PageCount == 0)
            {
                return MediaUploadResult.Refuse($"This PDF has no pages. {WhatToDo}");
            }
            var dictionaries = Dictionaries(document).ToList();
            var found = dictionaries.SelectMany(Dangers).Distinct().Order().ToList();
            if (found.Count > 0)
            {
                return MediaUploadResult.Refuse($"This PDF contains {Join(found.Select(Describe))}, which this site does not accept. {WhatToDo}");
            }
            RemoveMetadata(document, dictionaries);
            using var cleaned = new MemoryStream();
            document.Save(cleaned);
            return new MediaUploadResult(MediaKind.Pdf, [new MediaRendition("original", 0, 0, "application/pdf", cleaned.ToArray())], null);
        }
    }

    private enum Danger
    {
        JavaScript,
        Launch,
        EmbeddedFile,
        Form,
        Media,
    }

    private static string Describe(Danger danger) => danger switch
    {
        Danger.JavaScript => "JavaScript (code that runs when it is opened)",
        Danger.Launch => "an action that opens other programs",
        Danger.EmbeddedFile => "embedded files",
        Danger.Form => "a form to fill in",
        _ => "embedded video or other media",
    };

    /// <summary>What one dictionary could do; its nested dictionaries are looked at on their own.</summary>
    private static IEnumerable<Danger> Dangers(PdfDictionary dictionary)
    {
        var elements = dictionary.Elements;
        var action = NameOf(elements["/S"]);
        var type = NameOf(elements["/Type"]);
        var subtype = NameOf(elements["/Subtype"]);
        // An action's script (/S /JavaScript with /JS), or the document's named scripts (/Names << /JavaScript … >>).
        if (action == "/JavaScript" || elements.ContainsKey("/JS") || elements.ContainsKey("/JavaScript"))
        {
            yield return Danger.JavaScript;
        }
        if (action == "/Launch")
        {
            yield return Danger.Launch;
        }
        if (elements.ContainsKey("/EmbeddedFiles") || type == "/EmbeddedFile" || elements.ContainsKey("/EF") || subtype == "/FileAttachment" || action == "/GoToE")
        {
            yield return Danger.EmbeddedFile;
        }
        if (elements.ContainsKey("/XFA") || subtype == "/Widget" || action is "/SubmitForm" or "/ImportData" or "/ResetForm"
            || (elements["/AcroForm"] is { } form && Resolve(form) is PdfDictionary acroForm && Resolve(acroForm.Elements["/Fields"]) is PdfArray { Elements.Count: > 0 }))
        {
            yield return Danger.Form;
        }
        if (subtype == "/RichMedia" || action == "/RichMediaExecute")
        {
            yield return Danger.Media;
        }
    }

    /// <summary>
    /// Removes the document information and every /Metadata stream (the catalog's, a page's, an image's…). On saving,
    /// PDFsharp writes its own name as creator and producer and an XMP packet made from the now empty information:
    /// neither says anything about who wrote the document.
    /// </summary>
    private static void RemoveMetadata(PdfDocument document, IReadOnlyList<PdfDictionary> dictionaries)
    {
        document.Info.Elements.Clear();
        foreach (var dictionary in dictionaries)
        {
            dictionary.Elements.Remove("/Metadata");
            // A packet still referenced from somewhere unusual is emptied; unreferenced ones are dropped on saving.
            if (NameOf(dictionary.Elements["/Type"]) == "/Metadata" && dictionary.Stream is not null)
            {
                dictionary.Elements.Remove("/Filter");
                dictionary.Elements.Remove("/DecodeParms");
                dictionary.Stream.Value = [];
            }
        }
        // An empty form dictionary (some programs write one) would make readers offer to fill in a form.
        document.Internals.Catalog.Elements.Remove("/AcroForm");
    }

    /// <summary>Every dictionary in the file: the indirect objects (including those unpacked from object streams) and those nested in them.</summary>
    private static IEnumerable<PdfDictionary> Dictionaries(PdfDocument document)
    {
        var pending = new Stack<PdfItem>(document.Internals.GetAllObjects());
        pending.Push(document.Internals.Catalog);
        pending.Push(document.Info);
        var seen = new HashSet<PdfItem>(ReferenceEqualityComparer.Instance);
        while (pending.TryPop(out var item))
        {
            if (!seen.Add(item))
            {
                continue;
            }
            if (item is PdfDictionary dictionary)
            {
                yield return dictionary;
                foreach (var value in dictionary.Elements.Values)
                {
                    if (value is PdfDictionary or PdfArray)
                    {
                        pending.Push(value);
                    }
                }
            }
            else if (item is PdfArray array)
            {
                foreach (var value in array.Elements)
                {
                    if (value is PdfDictionary or PdfArray)
                    {
                        pending.Push(value);
                    }
                }
            }
        }
    }

    private static PdfItem? Resolve(PdfItem? item) => item is PdfReference reference ? reference.Value : item;

    private static string? NameOf(PdfItem? item) => Resolve(item) switch
    {
        PdfName name => name.Value,
        PdfNameObject name => name.Value,
        _ => null,
    };

    private static MediaUploadResult Protected()
        => MediaUploadResult.Refuse($"This PDF is protected with a password or encryption, so it cannot be checked. {WhatToDo}");

    private static string Join(IEnumerable<string> parts)
    {
        var list = parts.ToList();
        return list.Count == 1 ? list[0] : string.Join(", ", list[..^1]) + " and " + list[^1];
    }
}
