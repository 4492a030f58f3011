using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Consent.Services;
using SchoolSite.Core.Tenancy;
using SchoolSite.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SchoolSite.Tests.Consent;

/// <summary>
/// The privacy check against captions, alt texts, blurbs and newsletter lines as schools write them, each labelled by
/// hand: "+" must be flagged (a pupil's full name, a child's age, a date of birth or birthday), "-" must not. The
/// register is the one below; the figures are printed with the test.
/// </summary>
public sealed class PrivacyCheckCaptionSetTests(SqliteSchools fixture, ITestOutputHelper output) : IClassFixture<SqliteSchools>
{
    private const double LeastRecall = 0.95;
    private const double MostFalsePositives = 0.05;

    /// <summary>Pupils (first, surname, preferred name, class) with names that are also words, apostrophes, hyphens and two-word surnames.</summary>
    private static readonly (string First, string Last, string? Preferred, string Class)[] Pupils =
    [
        ("Amelia", "Watson", null, "4B"), ("Oliver", "Bennett", null, "6H"), ("Ava", "Nowak", null, "3A"), ("Ruby", "Green", null, "3A"),
        ("Amelia", "Khan", null, "5C"), ("Niamh", "O'Brien", null, "4B"), ("Zara", "de Souza", null, "6H"), ("Leo", "Smith-Jones", null, "2K"),
        ("Grace", "Evans", null, "5C"), ("Hope", "Baker", null, "6H"), ("Rose", "Hill", null, "1R"), ("William", "Taylor", "Will", "6H"),
        ("Alexander", "Okafor", "Alex", "5C"), ("Zoë", "Martin", null, "4B"), ("Freya", "Van Der Berg", null, "6H"), ("Muhammad Ali", "Hussain", null, "2K"),
        ("Chloé", "Dubois", null, "1R"), ("Isla", "McDonald", null, "1R"), ("Poppy", "Field", null, "3A"), ("Jack", "Brown", null, "2K"),
        ("Sophie", "Wong", null, "5C"), ("Ethan", "Nguyen", null, "4B"), ("Maya", "Patel", null, "4B"), ("Noah", "Williams", null, "3A"),
        ("Isabella", "Rossi", "Bella", "2K"), ("Kacper", "Kowalski", null, "6H"), ("Aisha", "Begum", null, "5C"), ("Daniel", "Ochieng", "Danny", "6H"),
        ("Summer", "Hughes", null, "2K"), ("Reuben", "St John", null, "1R"),
    ];

    /// <summary>Staff (first, surname, treated like a pupil): only Ms Fisher asked for her name to be kept off the site.</summary>
    private static readonly (string First, string Last, bool LikePupil)[] Staff =
    [
        ("Sarah", "Jones", false), ("David", "Hill", false), ("Emma", "Clarke", false), ("Grace", "Taylor", false), ("Tom", "Wright", false), ("Leah", "Fisher", true),
    ];

    private static readonly string[] Captions =
    [
        "+ Amelia Watson collecting the Year 4 reading trophy in assembly",
        "+ <strong>Ava</strong> Nowak receives her swimming certificate",
        "+ Ruby&nbsp;Green and her prize-winning sunflower",
        "+ Reading champions this term: Khan, Amelia",
        "+ Oliver, 10, won the county poetry competition.",
        "+ Our youngest author was born in March 2016.",
        "+ Ava's birthday is 5 May 2015 - happy birthday from all of 3A!",
        "+ WATSON Amelia - first place, girls' 100m",
        "+ Well done to Niamh O'Brien for her brilliant science project",
        "+ Niamh O’Brien’s painting has been chosen for the county exhibition",
        "+ Zara de Souza playing the cello at the spring concert",
        "+ Leo Smith-Jones scored twice in the cup final",
        "+ Leo Smith Jones with the match ball",
        "+ Freya Van Der Berg (Year 6) explains her volcano at the science fair",
        "+ Zoe Martin reading her poem in the library",
        "+ Bella Rossi and the rest of the school council meet the mayor",
        "+ Isabella Rossi, our new head girl, gives her first speech",
        "+ Alex Okafor lifts the cup for the under-11s",
        "+ Alexander Okafor's model volcano erupts on cue",
        "+ Will Taylor, captain of the chess team, shakes hands before the final",
        "+ Hope Baker sings the solo at the carol service",
        "+ Grace Evans and Rose Hill rehearsing for the summer play",
        "+ Poppy Field read her poem to the whole school",
        "+ Danny Ochieng crosses the line first in the cross-country",
        "+ Kacper Kowalski, aged 11, at the regional maths challenge final",
        "+ Maya P. in 4B designed our new recycling poster",
        "+ Sophie W. from 5C won the spelling bee",
        "+ Our 7-year-old winner with her medal",
        "+ A nine-year-old from Year 4 won the drawing competition",
        "+ Noah, who is 8, has raised £200 for the food bank.",
        "+ Congratulations to Aisha (9) on her black belt",
        "+ Isla, 6, and her brother planted the first tree in the new orchard",
        "+ Ethan is 10 today - happy birthday Ethan!",
        "+ Summer Hughes, Year 2, with her prize-winning cake",
        "+ Muhammad Ali Hussain led our assembly about Eid",
        "+ Jack Brown's kite flew the highest on kite day",
        "+ Chloé Dubois reading to Reception in French",
        "+ Chloe Dubois and her reading buddy",
        "+ Daniel Ochieng's family came in to talk about Kenya",
        "+ Reuben St John played Joseph in the nativity",
        "+ Reuben St. John and the shepherds",
        "+ Happy 8th birthday to Ruby in 3A!",
        "+ Maya celebrated her 9th birthday with a cake for the whole class",
        "+ Entry form: Sophie Wong, date of birth 14/02/2016",
        "+ Date of birth: 3rd May 2017",
        "+ Team sheet: Noah W, DOB 3.5.17, goalkeeper",
        "+ Aisha was born on 2 February 2016 and joined us in Reception.",
        "+ Born 12/09/2015, Kacper is the oldest in his class",
        "+ Freya, born on 21st June 2016, sang at the summer fair",
        "+ Isla's birthday is on the 3rd of July, so 1R sang to her",
        "+ Leo turned 9 on Saturday and brought in cakes for everyone.",
        "+ She turned nine last week and is already our chess champion.",
        "+ A pupil aged 7 from 1R with the class tortoise",
        "+ Age nine and already reading Dickens: well done, Zara!",
        "+ Rose, aged 6, with the class hamster",
        "+ Ten-year-old Grace took part in the national finals",
        "+ Our 11 year old reporters interviewed the mayor",
        "+ Max, who turned 7 on Friday, showed us his lego castle",
        "+ Well done Leah Fisher for organising the book fair",
        "+ Amelia Rose Watson receives the headteacher's award",
        "+ Year 6 leavers: Bennett, Oliver; Begum, Aisha; Wong, Sophie",
        "+ NOWAK Ava (3A) - 1st place, javelin",
        "+ amelia watson's fabulous fact file about penguins",
        "+ Ruby Green's class presenting their Egypt topic",
        "+ Kowalski, Kacper - Year 6 maths ambassador",
        "+ Freya (7) and her grandad at the allotment",
        "+ Congratulations to Maya, who is now 10, on her art prize",
        "+ Our winner, Oliver, is just 8 years old!",
        "+ Isla was born in 2019 and started Nursery this September",
        "+ In the photo: Hope Baker (left) and Will Taylor (right)",
        "+ Pictured: Danny Ochieng with Mrs Jones",
        "+ Two girls, Ruby Green and Grace Evans, reading in the library",
        "+ <p>Ava Nowak</p><p>Year 3 poetry winner</p>",
        "+ Sophie Wong&rsquo;s prize-winning design for the school badge",
        "+ Bella,&nbsp;7,&nbsp;on her first day at Oakwood",
        "+ Poppy Field's poem about the sea",
        "+ Eight-year-old Jack came first in the egg-and-spoon race",
        "+ Aisha is 9 and loves drawing dragons.",
        "+ Kacper Kowalski, Y6, county cross-country champion",
        "+ Congratulations to Noah (aged 8) on his swimming badge",
        "+ Our star baker Summer, 9, made the cake for the fair",
        "+ ETHAN NGUYEN - Young Musician of the Year",
        "+ It's Isla's birthday on 12 June - happy birthday!",
        "+ Zara, nearly 11, has read every book in the library",
        "+ Noah, who's just turned 8, brought in cupcakes",
        "+ Isla McDonald&#39;s poem about the sea",
        "+ Reuben St&nbsp;John<br>Year 1 star of the week",
        "+ Ethan, 9 yrs, on the climbing wall",
        "+ The winner, 7, receives a book token",
        "+ Our 9-year-old school reporter interviewed the mayor",
        // Known limit: an ordinal birthday counts only for "her"/"his", a possessive, or a pupil's name after it.
        "+ Happy 7th birthday, Max!",
        "- Year 4 collecting their certificates in assembly",
        "- Mrs Sarah Jones with the Year 6 leavers",
        "- Our 60-year-old school hall has a new roof",
        "- The 30-year-old minibus has finally been replaced",
        "- A 10-year-old tradition: the Christmas jumper day",
        "- Our caretaker, 64, retires this summer after 20 years",
        "- The school is 150 years old this year",
        "- Sports day is on 5 May 2026 - please bring sun cream",
        "- Term starts on Wednesday 3 September",
        "- 10 pupils from Year 5 took part in the tournament",
        "- Year 6, 30 children, one amazing residential trip",
        "- At 10, the bell rings for break",
        "- Amelia and Oliver from Year 4 with their Viking shields",
        "- Well done, Ruby! Another great week in 3A.",
        "- Clubs for Years 3 and 4 start next week",
        "- Mr David Hill runs the gardening club on Thursdays",
        "- The rose garden planted by Year 2 is in full bloom",
        "- We hope you will join us for the summer fair",
        "- Grace before lunch is said by a different class each day",
        "- Will you be joining us at the carol service?",
        "- Miss Emma Clarke's class visited the Roald Dahl museum",
        "- Roald Dahl was born on 13 September 1916 - happy Roald Dahl Day!",
        "- Children born between 1 September 2021 and 31 August 2022 can apply for a Reception place",
        "- Applications for children aged 4 to 5 close on 15 January",
        "- Holiday club for ages 5-11, 8am to 6pm",
        "- Under-11s football: we won 3-1 against St Mary's",
        "- Year 5 and 6 netball team, 12 players, 1 trophy",
        "- Our school turns 50 this year!",
        "- The library is 5 years old this week",
        "- Happy 10th birthday to our school garden!",
        "- Our Year 3 trip to the Roman villa is on Friday 14 March",
        "- Grace, Hope and Will from 5C planned the charity bake sale",
        "- Ruby, Amelia and Ava wrote letters to the mayor",
        "- Mrs Khan and Mr Watson judged the talent show",
        "- Thank you to the Watson family for donating books",
        "- Year 4 have been learning about Amelia Earhart",
        "- Oliver Twist rehearsals continue every Tuesday",
        "- The 10-year-old oak tree in the playground was planted by pupils",
        "- Our reading dog is 7 years old and loves stories",
        "- Tickets £5 for adults, £3 for children, under 5s free",
        "- Nursery is open to children from 3 years old",
        "- Year 11 mock exams begin on 10 November",
        "- Our Year 10 pupils, 28 in all, visited the Houses of Parliament",
        "- Room 12, 10am: parents' evening sign-in",
        "- Match report: Oakwood 4, Hillside 2",
        "- House points: Nelson, 112; Drake, 98",
        "- Final scores: Red, 12, Blue, 9",
        "- Read chapters 9, 10 and 11 for homework",
        "- Mr Tom Wright, 45, joins us as deputy head",
        "- Welcome to Miss Clarke, our new Year 2 teacher",
        "- Ms Fisher's book fair raised £450",
        "- Happy 25th birthday to our PTA!",
        "- Our Year 6 leavers' assembly is on Friday 18 July at 2pm",
        "- Please return consent forms by 3 October",
        "- Breakfast club opens at 7.45am for pupils aged 4 and over",
        "- The new climbing frame is for Key Stage 2 (ages 7 to 11)",
        "- Parents born in the 1980s will remember these toys!",
        "- A Year 5 pupil and her family at the Diwali celebration",
        "- Jack and the Beanstalk: Reception's class assembly",
        "- The Big Garden Birdwatch: 12 robins, 3 wrens and a heron",
        "- Swimming lessons for Years 3 and 4 start on 2 February",
        "- Ava and her friends in the reading corner",
        "- Pupils from 4B with the author Jacqueline Wilson",
        "- Lunch menu, week 2: fish and chips on Friday",
        "- Happy birthday to everyone celebrating in May!",
        "- Birthday cake sale on 12 June to raise money for the PTA",
        "- Mrs Grace Taylor leads the choir",
        "- Mr Hill's 40th birthday cake, made by 6H",
        "- Year 1 planted sunflowers and the tallest is 2 metres!",
        "- The minibus is 12 years old and needs replacing",
        "- Our partnership with St Anne's is 10 years old",
        "- Our newest teaching assistant, Rose, started on 1 September",
        "- Tom Daley visited our swimming gala",
        "- Will Year 6 please collect their hoodies by Friday",
        "- Grace Darling topic work from Year 3",
        "- Florence Nightingale, born 12 May 1820, is Year 2's hero",
        "- Maya P. did a great job leading assembly",
        "- Children aged 8-11 can join the chess club",
        "- Our 2 year old provision opens in January",
        "- Mark your calendars: the fair is on 20 June",
        "- May half term: the school is closed from 26 to 30 May",
        "- The Green Team planted 30 trees along the field",
        "- Penny the guide dog visited Reception",
        "- The poppy field behind the school in full flower",
        "- Wood, stone and brick: Year 3's materials topic",
        "- Years 5 and 6 are off to the Isle of Wight on 2 June",
        "- Congratulations to our netball team, undefeated in 10 matches",
        "- Our oldest Year 6 pupil and our youngest Reception child planted the time capsule",
        "- <p>Summer</p><p>term dates</p>",
        "- A 5-year plan for the new sports hall",
        "- The school choir, 40 voices strong, sang at the cathedral",
        "- 3 May 2017 was the day the new library opened",
        "- Our Year 2 class, 30 strong, walked to the park",
        "- Year 7 pupils are 11 or 12 years old when they join us",
        "- Watson House won the sports day shield",
        "- Sophie, Maya and Aisha from 5C at the book swap",
        "- Hope springs eternal: our seeds have finally sprouted",
        "- Green fingers in Year 2: pupils planted 12 tubs",
        "- Summer Concert, 6.30pm, tickets £3 on the door",
        "- Disco, 6-8pm, £2 entry",
        "- Scorers: Oliver (2), Noah (1)",
        "- Spelling test: Ava, 10/10!",
        "- The school turned 10 in 2024",
        "- Mrs Dawson's birthday is on 12 May - cards in the office please!",
        "- Our youngest pupils are 4 years old when they start Reception",
        "- Our 1-year-old lambs were born on the school farm on 3 April",
        "- Reception (aged 4-5) stay and play session",
        "- The 5-year-old climbing frame is being replaced",
        "- Football, 12, Netball, 9, Chess, 6: club sign-ups so far",
        // Known limit: a thing "born in" a recent year reads like a child's year of birth.
        "- Our website was born in 2019",
    ];

    [Fact]
    public async Task The_privacy_check_flags_what_the_guidance_forbids_on_a_labelled_caption_set()
    {
        var factory = fixture.Factory;
        using (var head = await factory.AlphaHeadAsync())
        {
            foreach (var (first, last, preferred, className) in Pupils)
            {
                await AddAsync(head, new { externalId = NewId(), kind = "Pupil", legalFirstName = first, legalLastName = last, preferredFirstName = preferred, yearGroup = "Year " + className[..1], className });
            }
            foreach (var (first, last, likePupil) in Staff)
            {
                await AddAsync(head, new { externalId = NewId(), kind = "Staff", legalFirstName = first, legalLastName = last, privateLikePupil = likePupil });
            }
        }
        await using var school = await factory.Services.GetRequiredService<TenantScopes>().EnterAsync(factory.Services.GetRequiredService<TenantRegistry>().Find("alpha")!);
        var check = school.ServiceProvider.GetRequiredService<PrivacyCheck>();
        await check.CheckAsync("warm the register");

        var misses = new List<string>();
        var falseAlarms = new List<string>();
        var clock = Stopwatch.StartNew();
        foreach (var line in Captions)
        {
            var (mustFlag, caption) = (line[0] == '+', line[2..]);
            var findings = await check.CheckAsync(caption);
            if (mustFlag && findings.Count == 0)
            {
                misses.Add(caption);
            }
            else if (!mustFlag && findings.Count > 0)
            {
                falseAlarms.Add($"{caption}  <- {string.Join("; ", findings.Select(f => $"{f.Kind} '{f.Match}'"))}");
            }
        }
        clock.Stop();

        var positives = Captions.Count(c => c[0] == '+');
        var negatives = Captions.Length - positives;
        var recall = (double)(positives - misses.Count) / positives;
        var falsePositives = (double)falseAlarms.Count / negatives;
        output.WriteLine($"Privacy check on {Captions.Length} captions: recall {recall:0.00} ({positives - misses.Count}/{positives}), " +
            $"false positives {falsePositives:0.00} ({falseAlarms.Count}/{negatives}), {clock.Elapsed.TotalMilliseconds / Captions.Length:0.00} ms a caption");
        misses.ForEach(m => output.WriteLine("Missed: " + m));
        falseAlarms.ForEach(f => output.WriteLine("False alarm: " + f));

        Assert.True(Captions.Length >= 160 && positives > Captions.Length * 0.4 && negatives > Captions.Length * 0.5, $"{positives} + {negatives} captions");
        Assert.True(recall >= LeastRecall, $"Recall {recall:0.00}; missed:\n{string.Join("\n", misses)}");
        Assert.True(falsePositives <= MostFalsePositives, $"False positives {falsePositives:0.00}:\n{string.Join("\n", falseAlarms)}");
    }

    private static string NewId() => "mis-" + Guid.NewGuid().ToString("N")[..8];

    private static async Task AddAsync(Browser head, object person)
    {
        var response = await head.Http.PostAsJsonAsync("/alpha/api/people", person);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
