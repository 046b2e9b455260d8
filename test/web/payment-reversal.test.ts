import { whatComesBack } from '../../web/src/screens/payment-reversal';

/**
 * The reversal dialog of a paid request: before confirming, the accountant reads what will come
 * back to the fund, the register's own figures (amount − withheld − returned), and why it is less.
 */
describe('staff app: what a reversal of a payment gives back', () => {
  const row = (amount: string, withheld = '0', returned = '0') => ({ amount, withheld, returned });

  it('gives back the whole amount when nothing was left out or returned', () => {
    expect(whatComesBack(row('20000000'))).toEqual({ back: '20000000', withheld: '0', returned: '0', less: false });
  });

  it('gives back the amount less the shares the payment left out and the money given back before', () => {
    expect(whatComesBack(row('900000', '300000', '300000'))).toEqual({ back: '300000', withheld: '300000', returned: '300000', less: true });
    expect(whatComesBack(row('600000', '300000'))).toEqual({ back: '300000', withheld: '300000', returned: '0', less: true });
  });

  it('gives back nothing when every dong is back already', () => {
    expect(whatComesBack(row('300000', '0', '300000'))).toEqual({ back: '0', withheld: '0', returned: '300000', less: true });
  });

  it('counts without floats, fractions of a dong included', () => {
    expect(whatComesBack(row('9007199254740993', '0.5', '1'))).toEqual({ back: '9007199254740991.5', withheld: '0.5', returned: '1', less: true });
  });
});
