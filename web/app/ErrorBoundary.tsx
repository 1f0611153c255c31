// Catches a page that throws while rendering (or a lazy chunk that fails to load), so the rest
// of the shell keeps working. Resets when the location changes.
import { Component, type ReactNode } from 'react';
import { Button, Result } from 'antd';

interface Props {
  resetKey: string;
  title: string;
  text: string;
  reloadLabel: string;
  children: ReactNode;
}

export class ErrorBoundary extends Component<Props, { error: unknown; key: string }> {
  override state = { error: null as unknown, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: { error: unknown; key: string }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override componentDidCatch(error: unknown) {
    console.error(error);
  }

  override render() {
    if (this.state.error) {
      return (
        <Result
          status="error"
          title={this.props.title}
          subTitle={this.props.text}
          extra={<Button type="primary" onClick={() => window.location.reload()}>{this.props.reloadLabel}</Button>}
        />
      );
    }
    return this.props.children;
  }
}
