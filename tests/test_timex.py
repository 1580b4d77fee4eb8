from factionmap.components.timex import find_times, parse_base


def values(text, **kw):
    return [(t.edtf, t.role, t.end_edtf, text[t.start : t.end]) for t in find_times(text, **kw)]


def test_points_at_the_texts_granularity():
    assert values("It formed on 26 January 2015 and split in May 2016.") == [
        ("2015-01-26", "point", None, "26 January 2015"),
        ("2016-05", "point", None, "May 2016"),
    ]
    assert values("on March 6, 2015") == [("2015-03-06", "point", None, "March 6, 2015")]
    assert values("in the 1990s") == [("199X", "point", None, "the 1990s")]


def test_qualified_dates():
    assert values("in early 2015, mid-2013 and late 2016") == [
        ("2015-37", "point", None, "early 2015"),
        ("2013-38", "point", None, "mid-2013"),
        ("2016-39", "point", None, "late 2016"),
    ]
    assert values("in the autumn of 2016") == [("2016-23", "point", None, "the autumn of 2016")]
    assert values("around 2005") == [("2005~", "point", None, "around 2005")]
    assert values("By the end of 1934 and at the beginning of 2013, then the middle of 1973") == [
        ("1934-39", "by", None, "By the end of 1934"),
        ("2013-37", "point", None, "the beginning of 2013"),
        ("1973-38", "point", None, "the middle of 1973"),
    ]
    assert values("in the second half of 2012") == [("2012-39", "point", None, "the second half of 2012")]


def test_bounds_and_spans():
    assert values("by May 2016") == [("2016-05", "by", None, "by May 2016")]
    assert values("since 1998") == [("1998", "start", None, "since 1998")]
    assert values("until March 2001") == [("2001-03", "end", None, "until March 2001")]
    assert values("from 2012 through 2014") == [("2012", "span", "2014", "from 2012 through 2014")]
    assert values("between 2013 and 2016") == [("2013", "span", "2016", "between 2013 and 2016")]
    assert values("in 2003-2006") == [("2003", "span", "2006", "2003-2006")]


def test_relative_expressions_use_the_anchor():
    assert values("two years later", anchor="2014") == [("2016", "relative", None, "two years later")]
    assert values("the following year", anchor="2014-05") == [("2015", "relative", None, "the following year")]
    assert values("that month", anchor="2014-05-02") == [("2014-05", "relative", None, "that month")]
    assert values("last year", published="2018-03-01") == [("2017", "relative", None, "last year")]
    assert values("two years later") == []
    # no number: a few days or weeks, within the anchor's month going forward, its year going back
    assert values("Days later", anchor="2015-07") == [("2015-07", "relative", None, "Days later")]
    assert values("weeks earlier", anchor="2001-03") == [("2001", "relative", None, "weeks earlier")]
    assert values("years later", anchor="2001-03") == []


def test_numbers_are_not_years():
    assert values("1,000 fighters and 2,015 rifles") == []
    assert parse_base("Smarch 2015") is None


def test_spans_whose_first_end_borrows_the_year_of_the_last():
    assert values("between 28 March and 1 April 2004") == [
        ("2004-03-28", "span", "2004-04-01", "between 28 March and 1 April 2004")
    ]
    assert values("from May to July 2010") == [("2010-05", "span", "2010-07", "from May to July 2010")]
    assert values("the March-April 2004 attacks") == [("2004-03", "span", "2004-04", "the March-April 2004")]
    assert values("in the spring and summer of 2008") == [
        ("2008-21", "span", "2008-22", "the spring and summer of 2008")
    ]


def test_two_full_dates_joined_by_a_dash_are_one_span():
    assert values("Ali Bar (3 May 1920 - 5 June 1990) led it.") == [
        ("1920-05-03", "span", "1990-06-05", "3 May 1920 - 5 June 1990")
    ]
    assert values("Sam Dorn (March 10, 1957 - May 2, 2011)") == [
        ("1957-03-10", "span", "2011-05-02", "March 10, 1957 - May 2, 2011")
    ]
    assert values("the war (December 1979 - February 1989)") == [
        ("1979-12", "span", "1989-02", "December 1979 - February 1989")
    ]
    # not a year range "1920 - 05": the day after the dash belongs to the second date
    assert values("(7 October 1920 - 23 May 1945)") == [
        ("1920-10-07", "span", "1945-05-23", "7 October 1920 - 23 May 1945")
    ]
    assert values("March 2016 - July 2014") == [
        ("2016-03", "point", None, "March 2016"),
        ("2014-07", "point", None, "July 2014"),
    ]


def test_a_life_in_brackets_dates_the_persons_death_and_nothing_else_of_the_sentence():
    from factionmap.pipeline import extract_text

    def facts(text):
        ext = extract_text(text)
        name = lambda e: None if e is None else ext.entities[e].name  # noqa: E731
        return [(name(f.subject), f.relation, name(f.object), f.date, f.start, f.end) for f in ext.facts]

    assert facts("Ali Bar (3 May 1920 - 5 June 1990), who was killed in an airstrike, led the Vale Front.") == [
        ("Ali Bar", "killed", None, "1990-06-05", None, None),
        ("Ali Bar", "leader_of", "Vale Front", None, None, None),
    ]
    assert facts("Ali Bar (3 May 1920 - 5 June 1990) was a commander of the Vale Front.") == [
        ("Ali Bar", "member_of", "Vale Front", None, None, None),
    ]


def test_a_day_or_month_without_its_year_takes_the_year_of_the_paragraphs_last_date():
    assert values("In July, Ali Bar was arrested.", anchor="1962") == [("1962-07", "point", None, "July")]
    assert values("He was freed on 17 November.", anchor="2015-09") == [("2015-11-17", "point", None, "17 November.")]
    assert values("since May 2 it held the town", anchor="1990") == [("1990-05-02", "start", None, "since May 2")]
    assert values("By December, it had left.", anchor="1990-03") == [("1990-12", "by", None, "By December")]
    # no year to take, a pair of months that names its own year, a modal verb: none of them
    assert values("In July, Ali Bar was arrested.") == []
    assert values("in January and February 2003", anchor="2004") == [
        ("2003-01", "span", "2003-02", "January and February 2003")
    ]
    assert values("they may leave", anchor="2004") == []


def test_on_or_before_a_date_is_by_it():
    assert values("On or before 27 February 2017, he was killed.") == [
        ("2017-02-27", "by", None, "On or before 27 February 2017")
    ]


def test_a_part_of_a_decade_is_one_of_its_years_and_a_bound_keeps_the_decade():
    assert values("in the early 1990s, the mid-1990s and the late 1970s") == [
        ("[1990..1993]", "point", None, "the early 1990s"),
        ("[1994..1996]", "point", None, "the mid-1990s"),
        ("[1977..1979]", "point", None, "the late 1970s"),
    ]
    assert values("since the late 1970s") == [("197X", "start", None, "since the late 1970s")]
    assert values("around the early 1990s") == [("199X~", "point", None, "around the early 1990s")]
    assert values("from the early 1990s to 2001") == [("199X", "span", "2001", "from the early 1990s to 2001")]
