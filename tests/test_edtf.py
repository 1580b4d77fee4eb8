from factionmap import edtf


def test_bounds_of_each_form():
    assert edtf.bounds("2015") == ("2015-01-01", "2015-12-31")
    assert edtf.bounds("2016-02") == ("2016-02-01", "2016-02-29")
    assert edtf.bounds("2015-02-09") == ("2015-02-09", "2015-02-09")
    assert edtf.bounds("2016-23") == ("2016-09-01", "2016-11-30")
    assert edtf.bounds("2016-24") == ("2016-12-01", "2017-02-28")
    assert edtf.bounds("2015-37") == ("2015-01-01", "2015-04-30")
    assert edtf.bounds("2015-39") == ("2015-09-01", "2015-12-31")
    assert edtf.bounds("199X") == ("1990-01-01", "1999-12-31")
    assert edtf.bounds("2015~") == ("2015-01-01", "2015-12-31")
    assert edtf.bounds("2013/2016") == ("2013-01-01", "2016-12-31")
    assert edtf.bounds("../2016-05") == (None, "2016-05-31")


def test_invalid_dates_are_rejected():
    for bad in ("2015-13", "2015-02-30", "May 2015", "2015-21-01", "15"):
        assert not edtf.is_valid(bad), bad
    assert edtf.is_valid("2015-21")


def test_gold_notation_round_trip():
    assert edtf.from_gold("2015-early") == "2015-37"
    assert edtf.from_gold("2016-autumn") == "2016-23"
    assert edtf.from_gold("2015-07-early") == "2015-07"
    assert edtf.to_gold("2016-38") == "2016-mid"
    assert edtf.to_gold("2015~") == "2015"


def test_same_date_rule():
    assert edtf.same_date("2015", "2015-03-06")
    assert edtf.same_date("2015-03", "2015-03-06")
    assert not edtf.same_date("2015-03", "2015")
    assert edtf.same_date("2015-early", "2015-37")
    assert not edtf.same_date("2015-early", "2015-39")
    assert not edtf.same_date("2014", "2015")
