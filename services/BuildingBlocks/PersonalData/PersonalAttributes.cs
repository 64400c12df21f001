namespace Omnichannel.BuildingBlocks.PersonalData;

/// <summary>
/// This member holds a citizen's personal data (a phone, an e-mail, a chat id, a name, a free text, a location, an
/// attachment's name): Marten's masking rule for its event (<see cref="PersonalDataMasking"/>) blanks it on erasure and
/// when its retention ends. On a record's positional parameter or on a property. On a nested object or list, every
/// value inside is personal. Every string member of a stored event is declared either this or <see cref="NotPersonalAttribute"/>
/// (tests/Omnichannel.EndToEnd.Tests/PersonalDataDeclarationTests.cs, and the session guard in tests).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field)]
public sealed class PersonalAttribute : Attribute;

/// <summary>This member holds no personal data (a code of the platform's vocabulary, an office id, a procedure code,
/// a template's text): masking leaves it, so statistics still count by it. On a nested object: nothing inside is personal.
/// On a document type: the council's own data (its keywords, topics, offices, procedures), which erasure and retention
/// never scrub — a citizen who typed a keyword's word does not take the word out of the council's keywords.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Class)]
public sealed class NotPersonalAttribute : Attribute;
